import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import {
  AutocompleteInput, BooleanInput, Button as RaButton, Create, DataTable, Edit, List, ReferenceInput, SelectArrayInput, SelectInput, SimpleForm, TextInput, maxLength, minLength,
  required, useNotify, useRecordContext, useRedirect, useRefresh, useTranslate,
} from 'react-admin';
import ReplayIcon from '@mui/icons-material/Replay';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturb';
import { CnDateField, OrgName } from '../common/fields';
import { API_URL, httpClient } from '../http';

const F = (k: string) => `resources.webhooks.fields.${k}`;
const D = (k: string) => `resources.webhook-deliveries.fields.${k}`;

/** The event types a receiver may ask for (the API refuses any other). */
export const EVENT_TYPES = [
  'case.registered', 'case.accepted', 'case.rejected', 'case.assigned', 'case.mediation_started', 'case.suspended', 'case.resumed', 'case.settled', 'case.failed',
  'case.performance_recorded', 'case.confirmation_recorded', 'case.followed_up', 'case.closed', 'case.transferred', 'case.withdrawn', 'case.reopened', 'case.archived',
];

function useEventChoices() {
  const translate = useTranslate();
  return EVENT_TYPES.map((id) => ({ id, name: `${translate(`app.webhooks.events.${id}`, { _: id })} (${id})` }));
}

export function WebhookList() {
  return (
    <List sort={{ field: 'id', order: 'ASC' }}>
      <DataTable bulkActionButtons={false} size="small">
        <DataTable.Col source="name" label={F('name')} />
        <DataTable.Col source="organizationId" label={F('organizationId')} disableSort render={(r: any) => <OrgName id={r.organizationId} />} />
        <DataTable.Col source="scope" label={F('scope')} disableSort render={(r: any) => <ScopeText scope={r.scope} />} />
        <DataTable.Col source="url" label={F('url')} disableSort render={(r: any) => <code>{r.url}</code>} />
        <DataTable.Col source="active" label={F('active')} disableSort render={(r: any) => <ActiveText active={r.active} />} />
        <DataTable.Col source="createdAt" label={F('createdAt')} render={() => <CnDateField source="createdAt" showTime />} />
      </DataTable>
    </List>
  );
}

function ScopeText({ scope }: { scope: string }) {
  const translate = useTranslate();
  return <>{translate(`app.webhooks.scope.${scope}`)}</>;
}

function ActiveText({ active }: { active: boolean }) {
  const translate = useTranslate();
  return <>{translate(active ? 'app.webhooks.active' : 'app.webhooks.inactive')}</>;
}

function Fields({ creating }: { creating?: boolean }) {
  const translate = useTranslate();
  const events = useEventChoices();
  return (
    <>
      <TextInput source="name" label={F('name')} validate={[required(), maxLength(100)]} fullWidth />
      {creating && (
        <ReferenceInput source="organizationId" reference="organizations" perPage={500}>
          <AutocompleteInput label={F('organizationId')} optionText="name" validate={required()} fullWidth />
        </ReferenceInput>
      )}
      {creating && (
        <SelectInput
          source="scope"
          label={F('scope')}
          choices={[{ id: 'sent', name: translate('app.webhooks.scope.sent') }, { id: 'subtree', name: translate('app.webhooks.scope.subtree') }]}
          helperText={translate('app.webhooks.scope_hint')}
          fullWidth
        />
      )}
      <TextInput source="url" label={F('url')} validate={[required(), maxLength(500)]} fullWidth helperText="https://…" />
      <SelectArrayInput source="eventTypes" label={F('eventTypes')} choices={events} helperText={translate('app.webhooks.event_types_hint')} fullWidth />
      <BooleanInput source="active" label={F('active')} defaultValue />
      <TextInput source="secret" label={F(creating ? 'secret' : 'new_secret')} validate={minLength(16)} helperText={translate(creating ? 'app.webhooks.secret_hint' : 'app.webhooks.new_secret_hint')} fullWidth />
    </>
  );
}

/** Registers a receiving system; its signing secret is shown once. */
export function WebhookCreate() {
  const translate = useTranslate();
  const redirect = useRedirect();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <>
      <Create mutationOptions={{ onSuccess: (data: any) => setSecret(data.secret ?? '') }}>
        <SimpleForm sx={{ maxWidth: 720 }}>
          <Fields creating />
        </SimpleForm>
      </Create>
      <Dialog open={secret !== null} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('app.webhooks.created_title')}</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>
            {translate('app.webhooks.created_hint')}
          </Alert>
          <Typography component="pre" sx={{ p: 1.5, bgcolor: 'grey.100', borderRadius: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontFamily: 'monospace' }} data-testid="webhook-secret">
            {secret}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => secret && navigator.clipboard?.writeText(secret)}>{translate('app.api_keys.copy')}</Button>
          <Button variant="contained" onClick={() => redirect('list', 'webhooks')}>
            {translate('ra.action.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

export function WebhookEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm sx={{ maxWidth: 720 }}>
        <Fields />
      </SimpleForm>
    </Edit>
  );
}

/** Sends a dead delivery again, or dismisses it for good; shown only on dead ones. */
function DeadLetterButton({ action }: { action: 'retry' | 'dismiss' }) {
  const record = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!record || record.state !== 'dead') return null;
  return (
    <RaButton
      label={`app.webhooks.${action}`}
      disabled={busy}
      onClick={async (e) => {
        e.stopPropagation();
        setBusy(true);
        try {
          await httpClient(`${API_URL}/webhook-deliveries/${record.id}/${action}`, { method: 'POST' });
          notify(action === 'retry' ? 'app.webhooks.retried' : 'app.webhooks.dismissed', { type: 'success' });
          refresh();
        } catch (err: any) {
          notify(err?.message ?? 'ra.notification.http_error', { type: 'error' });
        } finally {
          setBusy(false);
        }
      }}
    >
      {action === 'retry' ? <ReplayIcon /> : <DoNotDisturbIcon />}
    </RaButton>
  );
}

function StateText({ state }: { state: string }) {
  const translate = useTranslate();
  const color = state === 'dead' ? 'error.main' : state === 'delivered' ? 'success.main' : 'text.secondary';
  return <Typography variant="body2" sx={{ color }}>{translate(`app.webhooks.state.${state}`)}</Typography>;
}

/** Every delivery; filter on 死信 (dead) to see what an admin must look at. */
export function DeliveryList() {
  const translate = useTranslate();
  const filters = [
    <SelectInput key="state" source="state" label={D('state')} alwaysOn choices={['pending', 'delivered', 'dead', 'dismissed'].map((id) => ({ id, name: translate(`app.webhooks.state.${id}`) }))} />,
    <ReferenceInput key="sub" source="subscriptionId" reference="webhooks" alwaysOn>
      <SelectInput label={D('subscriptionId')} optionText="name" />
    </ReferenceInput>,
  ];
  return (
    <List sort={{ field: 'id', order: 'DESC' }} filters={filters}>
      <DataTable bulkActionButtons={false} size="small" rowClick={false}>
        <DataTable.Col source="id" label={D('id')} />
        <DataTable.Col source="eventType" label={D('eventType')} disableSort />
        <DataTable.Col source="caseId" label={D('caseId')} render={(r: any) => <a href={`#/cases/${r.caseId}/show`}>{r.caseId}</a>} />
        <DataTable.Col source="state" label={D('state')} disableSort render={(r: any) => <StateText state={r.state} />} />
        <DataTable.Col source="attempts" label={D('attempts')} disableSort />
        <DataTable.Col source="lastError" label={D('lastError')} disableSort />
        <DataTable.Col source="nextAttemptAt" label={D('nextAttemptAt')} render={() => <CnDateField source="nextAttemptAt" showTime />} />
        <DataTable.Col label="" disableSort render={() => (<><DeadLetterButton action="retry" /><DeadLetterButton action="dismiss" /></>)} />
      </DataTable>
    </List>
  );
}
