import { ArrayInput, SelectInput, SimpleFormIterator, TextInput, maxLength, required } from 'react-admin';
import { AGENT_AUTHORITIES } from '@tiaojie/core/domain';
import { choices } from '../choices';

const L = (name: string) => `action_fields.${name}`;

/**
 * A party's agents (委托代理人) with the scope of their authority: general or special (特别授权,
 * whose scope core requires). The same input at registration and when a party is added or corrected.
 */
export function AgentsInput({ source = 'agents' }: { source?: string }) {
  return (
    <ArrayInput source={source} label={L('agents')}>
      <SimpleFormIterator inline disableReordering>
        <TextInput source="name" label={L('name')} validate={[required(), maxLength(100)]} />
        <SelectInput source="authority" label={L('authority')} choices={choices('agentAuthority', AGENT_AUTHORITIES)} validate={required()} />
        <TextInput source="scope" label={L('authorityScope')} validate={maxLength(500)} />
      </SimpleFormIterator>
    </ArrayInput>
  );
}
