import { AutocompleteInput, Create, DataTable, Edit, List, ReferenceInput, SimpleForm, TextInput, maxLength, required, useTranslate } from 'react-admin';
import { CnDateField, OrgName, UserName } from '../common/fields';
import { useMe } from '../common/useMe';
import { CnDateInput } from '../common/DateInputs';
import type { AssignmentRec } from '../records';

const F = (k: string) => `resources.adviser-assignments.fields.${k}`;

/** 村(社区)法律顾问: which lawyer serves which village, when. An adviser sees their own villages. */
export function AdviserAssignmentList() {
  const me = useMe();
  const translate = useTranslate();
  if (!me.ready) return null;
  const adviserOnly = 'adviserId' in me.adviserFilter;
  return (
    <List filter={me.adviserFilter} sort={{ field: 'startsOn', order: 'DESC' }} title={adviserOnly ? translate('app.menu.my_villages') : undefined} exporter={false} actions={me.is('admin') ? undefined : false}>
      <DataTable rowClick={me.is('admin') ? 'edit' : false} bulkActionButtons={false} size="small">
        <DataTable.Col source="villageName" label={F('villageId')} disableSort render={(r: AssignmentRec) => <OrgName id={r.villageId} />} />
        {!adviserOnly && <DataTable.Col source="adviserName" label={F('adviserId')} disableSort render={(r: AssignmentRec) => <UserName id={r.adviserId} />} />}
        <DataTable.Col source="startsOn" label={F('startsOn')} render={() => <CnDateField source="startsOn" />} />
        <DataTable.Col source="endsOn" label={F('endsOn')} render={() => <CnDateField source="endsOn" />} />
        <DataTable.Col source="note" label={F('note')} disableSort />
      </DataTable>
    </List>
  );
}

function AssignmentForm() {
  return (
    <SimpleForm sx={{ maxWidth: 640 }}>
      <ReferenceInput source="adviserId" reference="users" filter={{ role: 'adviser' }} perPage={200}>
        <AutocompleteInput label={F('adviserId')} optionText="displayName" validate={required()} fullWidth />
      </ReferenceInput>
      <ReferenceInput source="villageId" reference="organizations" filter={{ type: 'village' }} perPage={1000}>
        <AutocompleteInput label={F('villageId')} optionText="name" validate={required()} fullWidth />
      </ReferenceInput>
      <CnDateInput source="startsOn" label={F('startsOn')} validate={required()} fullWidth />
      <CnDateInput source="endsOn" label={F('endsOn')} validate={required()} fullWidth />
      <TextInput source="note" label={F('note')} validate={maxLength(200)} fullWidth />
    </SimpleForm>
  );
}

export const AdviserAssignmentCreate = () => (
  <Create redirect="list">
    <AssignmentForm />
  </Create>
);
export const AdviserAssignmentEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <AssignmentForm />
  </Edit>
);
