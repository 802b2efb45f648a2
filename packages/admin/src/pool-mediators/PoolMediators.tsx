import { AutocompleteInput, BooleanInput, Create, DataTable, Edit, List, ReferenceField, ReferenceInput, SelectInput, SimpleForm, TextInput, maxLength, required } from 'react-admin';
import { POOL_MEDIATOR_KINDS, type PoolMediatorRecord } from '@tiaojie/core/domain';
import { EnumField } from '../common/fields';
import { choices } from '../choices';
import { phone } from '../cases/validators';

const F = (k: string) => `resources.pool-mediators.fields.${k}`;
const filters = [
  <TextInput key="q" source="q" label={F('q')} alwaysOn />,
  <SelectInput key="kind" source="kind" label={F('kind')} choices={choices('poolMediatorKind', POOL_MEDIATOR_KINDS)} />,
];

/** 调解员库: 五老, 乡贤, lawyers, volunteers and counsellors who mediate beside the staff. */
export function PoolMediatorList() {
  return (
    <List sort={{ field: 'id', order: 'ASC' }} filters={filters}>
      <DataTable rowClick="edit" bulkActionButtons={false} size="small">
        <DataTable.Col source="name" label={F('name')} />
        <DataTable.Col source="kind" label={F('kind')} render={() => <EnumField source="kind" group="poolMediatorKind" />} />
        <DataTable.Col source="specialty" label={F('specialty')} />
        <DataTable.Col source="areaOrgId" label={F('areaOrgId')} render={() => <ReferenceField source="areaOrgId" reference="organizations" link={false} />} />
        <DataTable.Col source="phoneMasked" label={F('phoneMasked')} />
        <DataTable.Col source="active" label={F('active')} render={(r: PoolMediatorRecord) => (r.active ? '✓' : '—')} />
      </DataTable>
    </List>
  );
}

function PoolMediatorForm() {
  return (
    <SimpleForm sx={{ maxWidth: 640 }} defaultValues={{ kind: 'elder', active: true }}>
      <TextInput source="name" label={F('name')} validate={[required(), maxLength(100)]} fullWidth />
      <SelectInput source="kind" label={F('kind')} choices={choices('poolMediatorKind', POOL_MEDIATOR_KINDS)} validate={required()} fullWidth />
      <TextInput source="specialty" label={F('specialty')} validate={maxLength(200)} fullWidth />
      <ReferenceInput source="areaOrgId" reference="organizations" filter={{ active: true }} sort={{ field: 'name', order: 'ASC' }} perPage={500}>
        <AutocompleteInput label={F('areaOrgId')} optionText="name" fullWidth />
      </ReferenceInput>
      <TextInput source="phone" label={F('phone')} validate={phone} helperText={F('phone_help')} fullWidth />
      <BooleanInput source="active" label={F('active')} />
    </SimpleForm>
  );
}

export const PoolMediatorCreate = () => (
  <Create redirect="list">
    <PoolMediatorForm />
  </Create>
);
export const PoolMediatorEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <PoolMediatorForm />
  </Edit>
);
