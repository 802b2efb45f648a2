import { AutocompleteInput, BooleanInput, Create, Edit, ReferenceInput, SelectInput, SimpleForm, TextInput, maxLength, regex, required } from 'react-admin';
import { SaveOnlyToolbar } from '../common/fields';
import { orNull } from '../format';
import { CHANNELS, ORGANIZATION_TYPES } from '@tiaojie/core/domain';
import { choices } from '../choices';

const F = (k: string) => `resources.organizations.fields.${k}`;

function OrganizationFields({ edit }: { edit?: boolean }) {
  return (
    <SimpleForm sx={{ maxWidth: 640 }} toolbar={<SaveOnlyToolbar />}>
      <TextInput source="name" label={F('name')} validate={[required(), maxLength(100)]} fullWidth />
      <SelectInput source="type" label={F('type')} choices={choices('organizationType', ORGANIZATION_TYPES)} validate={required()} fullWidth />
      <ReferenceInput source="parentId" reference="organizations" perPage={1000} sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput label={F('parentId')} optionText="name" fullWidth disabled={edit} />
      </ReferenceInput>
      <TextInput source="regionCode" label={F('regionCode')} validate={regex(/^\d{6,12}$/, 'app.validation.region_code')} parse={orNull} fullWidth />
      <TextInput source="caseNumberPrefix" label={F('caseNumberPrefix')} validate={maxLength(20)} parse={orNull} fullWidth />
      <SelectInput source="channel" label={F('channel')} choices={choices('channel', CHANNELS)} emptyText="—" parse={orNull} fullWidth />
      {edit && <BooleanInput source="active" label={F('active')} />}
    </SimpleForm>
  );
}

export const OrganizationCreate = () => (
  <Create redirect="list">
    <OrganizationFields />
  </Create>
);

export const OrganizationEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <OrganizationFields edit />
  </Edit>
);
