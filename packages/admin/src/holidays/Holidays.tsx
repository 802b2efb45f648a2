import { Create, DataTable, Edit, List, SelectInput, SimpleForm, TextInput, maxLength, required } from 'react-admin';
import { HOLIDAY_KINDS } from '@tiaojie/core/domain';
import { EnumField } from '../common/fields';
import { CnDateInput } from '../common/DateInputs';
import { choices } from '../choices';

const F = (k: string) => `resources.holidays.fields.${k}`;

/** The working-day calendar: holidays on weekdays and make-up working days (调休) on weekends. */
export function HolidayList() {
  return (
    <List sort={{ field: 'day', order: 'ASC' }} perPage={100} filters={[<SelectInput key="kind" source="kind" label={F('kind')} choices={choices('holidayKind', HOLIDAY_KINDS)} alwaysOn />]}>
      <DataTable rowClick="edit" bulkActionButtons={false} size="small">
        <DataTable.Col source="day" label={F('day')} />
        <DataTable.Col source="kind" label={F('kind')} render={() => <EnumField source="kind" group="holidayKind" />} />
        <DataTable.Col source="name" label={F('name')} />
      </DataTable>
    </List>
  );
}

function HolidayForm({ create = false }: { create?: boolean }) {
  return (
    <SimpleForm sx={{ maxWidth: 480 }} defaultValues={{ kind: 'holiday' }}>
      <CnDateInput source="day" label={F('day')} disabled={!create} validate={create ? required() : undefined} fullWidth />
      <SelectInput source="kind" label={F('kind')} choices={choices('holidayKind', HOLIDAY_KINDS)} validate={required()} fullWidth />
      <TextInput source="name" label={F('name')} validate={[required(), maxLength(50)]} fullWidth />
    </SimpleForm>
  );
}

export const HolidayCreate = () => (
  <Create redirect="list">
    <HolidayForm create />
  </Create>
);
export const HolidayEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <HolidayForm />
  </Edit>
);
