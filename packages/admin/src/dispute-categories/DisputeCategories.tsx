import { BooleanInput, Create, DataTable, Edit, List, NumberInput, SelectInput, SimpleForm, TextInput, maxLength, maxValue, minValue, regex, required } from 'react-admin';
import { DAY_KINDS, STATS_CATEGORIES, type DisputeCategoryRecord } from '@tiaojie/core/domain';
import { EnumField } from '../common/fields';
import { choices } from '../choices';
import { orNull } from '../format';

const F = (k: string) => `resources.dispute-categories.fields.${k}`;

/** 纠纷类型: the deployment's list, each mapped to the justice-administration statistics category. */
export function DisputeCategoryList() {
  return (
    <List sort={{ field: 'sortOrder', order: 'ASC' }} perPage={50}>
      <DataTable rowClick="edit" bulkActionButtons={false} size="small">
        <DataTable.Col source="code" label={F('code')} />
        <DataTable.Col source="name" label={F('name')} />
        <DataTable.Col source="statsCategory" label={F('statsCategory')} render={() => <EnumField source="statsCategory" group="statsCategory" />} />
        <DataTable.NumberCol source="mediateDays" label={F('mediateDays')} />
        <DataTable.Col source="dayKind" label={F('dayKind')} render={() => <EnumField source="dayKind" group="dayKind" />} />
        <DataTable.Col source="overdueFails" label={F('overdueFails')} render={(r: DisputeCategoryRecord) => (r.overdueFails ? '✓' : '—')} />
        <DataTable.NumberCol source="sortOrder" label={F('sortOrder')} />
        <DataTable.Col source="active" label={F('active')} render={(r: DisputeCategoryRecord) => (r.active ? '✓' : '—')} />
      </DataTable>
    </List>
  );
}

function CategoryForm({ create = false }: { create?: boolean }) {
  return (
    <SimpleForm sx={{ maxWidth: 640 }} defaultValues={{ active: true, sortOrder: 100, dayKind: 'calendar', overdueFails: false }}>
      <TextInput source="code" label={F('code')} disabled={!create} validate={create ? [required(), regex(/^[a-z][a-z0-9_]{1,31}$/, 'app.validation.code')] : undefined} fullWidth />
      <TextInput source="name" label={F('name')} validate={[required(), maxLength(50)]} fullWidth />
      <SelectInput source="statsCategory" label={F('statsCategory')} choices={choices('statsCategory', STATS_CATEGORIES)} validate={required()} fullWidth />
      <NumberInput source="mediateDays" label={F('mediateDays')} validate={[minValue(1), maxValue(365)]} parse={orNull} fullWidth />
      <SelectInput source="dayKind" label={F('dayKind')} choices={choices('dayKind', DAY_KINDS)} validate={required()} fullWidth />
      <BooleanInput source="overdueFails" label={F('overdueFails')} />
      <NumberInput source="sortOrder" label={F('sortOrder')} validate={[minValue(0)]} fullWidth />
      <BooleanInput source="active" label={F('active')} />
    </SimpleForm>
  );
}

export const DisputeCategoryCreate = () => (
  <Create redirect="list">
    <CategoryForm create />
  </Create>
);
export const DisputeCategoryEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <CategoryForm />
  </Edit>
);
