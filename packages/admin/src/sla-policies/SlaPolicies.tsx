import { Labeled, TextField, useRecordContext, BooleanInput, Create, DataTable, Edit, List, NumberInput, SelectInput, SimpleForm, TextInput, maxLength, maxValue, minValue, required } from 'react-admin';
import { EnumField } from '../common/fields';
import { orNull } from '../format';
import { CHANNELS } from '@tiaojie/core/domain';
import { CategoryField, CategoryInput } from '../common/CategoryInput';
import { choices } from '../choices';
import type { SlaPolicyRec } from '../records';

const F = (k: string) => `resources.sla-policies.fields.${k}`;
const days = [required(), minValue(1), maxValue(365)];
const extensionDays = [required(), minValue(0), maxValue(365)];

/** Time limits per channel and category: the clock and the lights read them. */
export function SlaPolicyList() {
  return (
    <List sort={{ field: 'id', order: 'ASC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false} size="small">
        <DataTable.Col source="name" label={F('name')} />
        <DataTable.Col source="organizationName" label={F('organizationName')} />
        <DataTable.Col source="channel" label={F('channel')} render={() => <EnumField source="channel" group="channel" />} />
        <DataTable.Col source="category" label={F('category')} render={() => <CategoryField />} />
        <DataTable.NumberCol source="acceptDays" label={F('acceptDays')} />
        <DataTable.NumberCol source="mediateDays" label={F('mediateDays')} />
        <DataTable.NumberCol source="extensionDays" label={F('extensionDays')} />
        <DataTable.NumberCol source="followUpDays" label={F('followUpDays')} />
        <DataTable.NumberCol source="yellowPercent" label={F('yellowPercent')} />
        <DataTable.Col source="active" label={F('active')} render={(r: SlaPolicyRec) => (r.active ? '✓' : '—')} />
      </DataTable>
    </List>
  );
}

/** The organization that made the policy (a new one belongs to the author's); a policy of an organization above is read-only here. */
function OwnerField({ label }: { label: string }) {
  const record = useRecordContext();
  if (!record?.organizationName) return null;
  return (
    <Labeled label={label}>
      <TextField source="organizationName" />
    </Labeled>
  );
}

function SlaForm() {
  return (
    <SimpleForm sx={{ maxWidth: 640 }} defaultValues={{ acceptDays: 3, mediateDays: 30, extensionDays: 30, followUpDays: 15, confirmationDays: 30, yellowPercent: 75, active: true }}>
      <OwnerField label={F('organizationName')} />
      <TextInput source="name" label={F('name')} validate={[required(), maxLength(100)]} fullWidth />
      <SelectInput source="channel" label={F('channel')} choices={choices('channel', CHANNELS)} emptyText="—" parse={orNull} fullWidth />
      <CategoryInput label={F('category')} emptyText="—" parse={orNull} />
      <NumberInput source="acceptDays" label={F('acceptDays')} validate={days} fullWidth />
      <NumberInput source="mediateDays" label={F('mediateDays')} validate={days} fullWidth />
      <NumberInput source="extensionDays" label={F('extensionDays')} validate={extensionDays} fullWidth />
      <NumberInput source="followUpDays" label={F('followUpDays')} validate={days} fullWidth />
      <NumberInput source="confirmationDays" label={F('confirmationDays')} validate={days} fullWidth />
      <NumberInput source="yellowPercent" label={F('yellowPercent')} validate={[required(), minValue(1), maxValue(99)]} fullWidth />
      <BooleanInput source="active" label={F('active')} />
    </SimpleForm>
  );
}

export const SlaPolicyCreate = () => (
  <Create redirect="list">
    <SlaForm />
  </Create>
);
export const SlaPolicyEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SlaForm />
  </Edit>
);
