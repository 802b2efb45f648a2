import { Labeled, TextField, useRecordContext, Create, DataTable, DateInput, Edit, List, SelectInput, SimpleForm, TextInput, maxLength, required } from 'react-admin';
import { CnDateField, EnumField, MoneyField } from '../common/fields';
import { fromFen, toFen } from '../format';
import { COMPLEXITY_LEVELS } from '@tiaojie/core/domain';
import { choices } from '../choices';
import { money } from '../cases/validators';

const F = (k: string) => `resources.subsidy-policies.fields.${k}`;

/** 以案定补: amount per case by complexity and result, in yuan on screen, in fen in the API. */
export function SubsidyPolicyList() {
  return (
    <List sort={{ field: 'id', order: 'ASC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false} size="small">
        <DataTable.Col source="name" label={F('name')} />
        <DataTable.Col source="organizationName" label={F('organizationName')} />
        <DataTable.Col source="complexity" label={F('complexity')} render={() => <EnumField source="complexity" group="complexity" />} />
        <DataTable.Col source="result" label={F('result')} render={() => <EnumField source="result" group="subsidyResult" />} />
        <DataTable.Col source="amountFen" label={F('amountFen')} render={() => <MoneyField source="amountFen" />} />
        <DataTable.Col source="validFrom" label={F('validFrom')} render={() => <CnDateField source="validFrom" />} />
        <DataTable.Col source="validTo" label={F('validTo')} render={() => <CnDateField source="validTo" />} />
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

function SubsidyForm() {
  return (
    <SimpleForm sx={{ maxWidth: 640 }}>
      <OwnerField label={F('organizationName')} />
      <TextInput source="name" label={F('name')} validate={[required(), maxLength(100)]} fullWidth />
      <SelectInput source="complexity" label={F('complexity')} choices={choices('complexity', COMPLEXITY_LEVELS)} validate={required()} fullWidth />
      <SelectInput source="result" label={F('result')} choices={choices('subsidyResult', ['settled', 'failed'])} validate={required()} fullWidth />
      <TextInput source="amountFen" label={F('amountFen')} format={(v) => (v == null || v === '' ? '' : typeof v === 'number' ? String(fromFen(v)) : v)} parse={(v) => (money(v) ? v : (toFen(v) ?? null))} validate={required()} fullWidth />
      <DateInput source="validFrom" label={F('validFrom')} validate={required()} fullWidth />
      <DateInput source="validTo" label={F('validTo')} fullWidth />
    </SimpleForm>
  );
}

export const SubsidyPolicyCreate = () => (
  <Create redirect="list">
    <SubsidyForm />
  </Create>
);
export const SubsidyPolicyEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SubsidyForm />
  </Edit>
);
