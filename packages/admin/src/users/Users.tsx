import { Chip, Stack } from '@mui/material';
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  DataTable,
  Edit,
  List,
  PasswordInput,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  minLength,
  regex,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { CnDateField, OrgName, SaveOnlyToolbar } from '../common/fields';
import { ROLES } from '@tiaojie/core/domain';
import { choices } from '../choices';
import { phone } from '../cases/validators';
import type { UserRec } from '../records';

const F = (k: string) => `resources.users.fields.${k}`;

function RolesField() {
  const record = useRecordContext();
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {(record?.roles ?? []).map((r: string) => (
        <Chip key={r} size="small" label={translate(`enums.role.${r}`)} />
      ))}
    </Stack>
  );
}

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" label={F('roles')} choices={choices('role', ROLES)} alwaysOn />,
  <ReferenceInput key="org" source="organizationId" reference="organizations" perPage={1000}>
    <AutocompleteInput label={F('organizationId')} optionText="name" />
  </ReferenceInput>,
];

export function UserList() {
  return (
    <List filters={userFilters} sort={{ field: 'id', order: 'ASC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false} size="small">
        <DataTable.Col source="username" label={F('username')} />
        <DataTable.Col source="displayName" label={F('displayName')} />
        <DataTable.Col source="roles" label={F('roles')} disableSort field={RolesField} />
        <DataTable.Col source="organizationName" label={F('organizationId')} disableSort render={(r: UserRec) => <OrgName id={r.organizationId} />} />
        <DataTable.Col source="active" label={F('active')} render={(r: UserRec) => (r.active ? '✓' : '—')} />
        <DataTable.Col source="createdAt" label={F('createdAt')} render={() => <CnDateField source="createdAt" />} />
      </DataTable>
    </List>
  );
}

function UserForm({ create }: { create?: boolean }) {
  return (
    <SimpleForm sx={{ maxWidth: 640 }} toolbar={<SaveOnlyToolbar />}>
      <TextInput source="username" label={F('username')} validate={[required(), maxLength(64), regex(/^[A-Za-z0-9_.-]+$/, 'app.validation.username')]} disabled={!create} fullWidth />
      <TextInput source="displayName" label={F('displayName')} validate={[required(), maxLength(64)]} fullWidth />
      {create ? (
        <PasswordInput source="password" label={F('password')} validate={[required(), minLength(8)]} fullWidth />
      ) : (
        <PasswordInput source="password" label="app.users.new_password" validate={minLength(8)} parse={(v: string) => (v === '' ? undefined : v)} fullWidth />
      )}
      <SelectArrayInput source="roles" label={F('roles')} choices={choices('role', ROLES)} validate={required()} fullWidth />
      <ReferenceInput source="organizationId" reference="organizations" perPage={1000} sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput label={F('organizationId')} optionText="name" validate={required()} fullWidth />
      </ReferenceInput>
      <TextInput source="phone" label={F('phone')} validate={phone} fullWidth />
      {!create && <BooleanInput source="active" label={F('active')} />}
    </SimpleForm>
  );
}

export const UserCreate = () => (
  <Create redirect="list">
    <UserForm create />
  </Create>
);
export const UserEdit = () => (
  <Edit mutationMode="pessimistic">
    <UserForm />
  </Edit>
);
