import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import {
  AutocompleteInput,
  Create,
  DataTable,
  DeleteWithConfirmButton,
  List,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  required,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { CnDateField, EnumField, OrgName } from '../common/fields';
import { LINKED_CHANNELS } from '@tiaojie/core/domain';
import { choices } from '../choices';
import type { ApiKeyRec } from '../records';

const F = (k: string) => `resources.api-keys.fields.${k}`;

function RevokeButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record || record.revokedAt) return <Typography variant="body2" color="text.secondary">{record?.revokedAt ? translate('app.api_keys.revoked') : null}</Typography>;
  return <DeleteWithConfirmButton label="app.api_keys.revoke" confirmTitle="app.api_keys.revoke" confirmContent="app.api_keys.revoke_confirm" mutationMode="pessimistic" redirect={false} />;
}

export function ApiKeyList() {
  return (
    <List sort={{ field: 'id', order: 'DESC' }}>
      <DataTable bulkActionButtons={false} size="small" rowClick={false}>
        <DataTable.Col source="name" label={F('name')} />
        <DataTable.Col source="organizationName" label={F('organizationId')} disableSort render={(r: ApiKeyRec) => <OrgName id={r.organizationId} />} />
        <DataTable.Col source="channel" label={F('channel')} render={() => <EnumField source="channel" group="channel" />} />
        <DataTable.Col source="prefix" label={F('prefix')} render={(r: ApiKeyRec) => <code>{r.prefix}…</code>} />
        <DataTable.Col source="createdAt" label={F('createdAt')} render={() => <CnDateField source="createdAt" showTime />} />
        <DataTable.Col source="lastUsedAt" label={F('lastUsedAt')} render={() => <CnDateField source="lastUsedAt" showTime />} />
        <DataTable.Col label="" disableSort render={() => <RevokeButton />} />
      </DataTable>
    </List>
  );
}

/** Issues a key to a channel body; the key is shown once, then only its prefix. */
export function ApiKeyCreate() {
  const translate = useTranslate();
  const redirect = useRedirect();
  const [key, setKey] = useState<string | null>(null);
  return (
    <>
      <Create mutationOptions={{ onSuccess: (data: ApiKeyRec) => setKey(data.key ?? data.apiKey ?? data.secret ?? '') }}>
        <SimpleForm sx={{ maxWidth: 640 }}>
          <TextInput source="name" label={F('name')} validate={[required(), maxLength(100)]} fullWidth />
          <ReferenceInput source="organizationId" reference="organizations" filter={{ type: 'channel' }} perPage={500}>
            <AutocompleteInput label={F('organizationId')} optionText="name" validate={required()} fullWidth />
          </ReferenceInput>
          <SelectInput source="channel" label={F('channel')} choices={choices('channel', LINKED_CHANNELS)} validate={required()} fullWidth />
        </SimpleForm>
      </Create>
      <Dialog open={key !== null} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('app.api_keys.created_title')}</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>
            {translate('app.api_keys.created_hint')}
          </Alert>
          <Typography component="pre" sx={{ p: 1.5, bgcolor: 'grey.100', borderRadius: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontFamily: 'monospace' }} data-testid="api-key">
            {key}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => key && navigator.clipboard?.writeText(key)}>{translate('app.api_keys.copy')}</Button>
          <Button variant="contained" onClick={() => redirect('list', 'api-keys')}>
            {translate('ra.action.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
