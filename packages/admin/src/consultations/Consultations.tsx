import { useState } from 'react';
import { Box, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import AddCommentIcon from '@mui/icons-material/AddComment';
import {
  Button,
  Create,
  CreateBase,
  DataTable,
  ExportButton,
  Form,
  List,
  SelectInput,
  SimpleForm,
  TextInput,
  TopToolbar,
  maxLength,
  required,
  useGetList,
  useGetMany,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { CnDateField, OrgName } from '../common/fields';
import { CnDateInput } from '../common/DateInputs';
import { useMe } from '../common/useMe';
import { CategoryField, CategoryInput } from '../common/CategoryInput';
import { phone } from '../cases/validators';
import type { AssignmentRec, ConsultationRec, OrganizationRec } from '../records';

const F = (k: string) => `resources.consultations.fields.${k}`;

const nowLocal = () => {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The body of a consultation: local time to ISO, empty fields left out. */
const toConsultation = (v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries({ ...v, at: v.at ? new Date(v.at as string).toISOString() : undefined }).filter(([, x]) => x !== undefined && x !== null && x !== ''));

/** The villages the adviser serves (their assignments), by name. */
function VillageSelect({ filter }: { filter: Record<string, unknown> }) {
  const { data: terms } = useGetList<AssignmentRec>('adviser-assignments', { filter, pagination: { page: 1, perPage: 200 }, sort: { field: 'startsOn', order: 'DESC' } });
  const villageIds = [...new Set((terms ?? []).map((t) => t.villageId))];
  const { data: villages } = useGetMany<OrganizationRec>('organizations', { ids: villageIds }, { enabled: villageIds.length > 0 });
  const choices = (villages ?? []).map((v) => ({ id: v.id, name: v.name }));
  return <SelectInput source="villageId" label={F('villageId')} choices={choices} validate={required()} fullWidth translateChoice={false} />;
}

function ConsultationInputs({ villageFilter }: { villageFilter: Record<string, unknown> }) {
  return (
    <>
      <VillageSelect filter={villageFilter} />
      <CnDateInput kind="datetime" source="at" label={F('at')} validate={required()} fullWidth />
      <TextInput source="personName" label={F('personName')} validate={[required(), maxLength(64)]} fullWidth />
      <TextInput source="personPhone" label={F('personPhone')} validate={phone} fullWidth />
      <CategoryInput label={F('category')} req />
      <TextInput source="question" label={F('question')} validate={[required(), maxLength(5000)]} multiline minRows={2} fullWidth />
      <TextInput source="answer" label={F('answer')} validate={[required(), maxLength(5000)]} multiline minRows={2} fullWidth />
    </>
  );
}

/** Log a consultation from the list in a dialog: the adviser's one-minute entry. */
function QuickConsultationButton() {
  const [open, setOpen] = useState(false);
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const me = useMe();
  return (
    <>
      <Button label="app.consultations.quick" onClick={() => setOpen(true)} data-testid="quick-consultation">
        <AddCommentIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <CreateBase
          resource="consultations"
          transform={toConsultation}
          redirect={false}
          mutationOptions={{
            onSuccess: () => {
              notify('app.consultations.saved', { type: 'success' });
              setOpen(false);
              refresh();
            },
          }}
        >
          <Form defaultValues={{ at: nowLocal() }}>
            <DialogTitle>
              {translate('app.consultations.quick')}
              <Typography variant="body2" color="text.secondary">
                {translate('app.consultations.quick_hint')}
              </Typography>
            </DialogTitle>
            <DialogContent>
              <ConsultationInputs villageFilter={me.adviserFilter} />
            </DialogContent>
            <DialogActions>
              <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
              <MuiButton type="submit" variant="contained">
                {translate('ra.action.save')}
              </MuiButton>
            </DialogActions>
          </Form>
        </CreateBase>
      </Dialog>
    </>
  );
}

function ConsultationActions() {
  return (
    <TopToolbar>
      <QuickConsultationButton />
      <ExportButton />
    </TopToolbar>
  );
}

export function ConsultationList() {
  const me = useMe();
  const translate = useTranslate();
  if (!me.ready) return null;
  return (
    <List filter={me.adviserFilter} sort={{ field: 'at', order: 'DESC' }} actions={<ConsultationActions />} empty={false} title={'adviserId' in me.adviserFilter ? translate('app.menu.my_consultations') : undefined}>
      <DataTable bulkActionButtons={false} size="small" rowClick={false} expand={<Answer />}>
        <DataTable.Col source="at" label={F('at')} render={() => <CnDateField source="at" showTime />} />
        <DataTable.Col source="villageName" label={F('villageId')} disableSort render={(r: ConsultationRec) => <OrgName id={r.villageId} />} />
        <DataTable.Col source="personName" label={F('personName')} />
        <DataTable.Col source="category" label={F('category')} render={() => <CategoryField />} />
        <DataTable.Col source="question" label={F('question')} disableSort render={(r: ConsultationRec) => (r.question?.length > 40 ? `${r.question.slice(0, 40)}…` : r.question)} />
      </DataTable>
    </List>
  );
}

/** The question and the answer in full, under the row. */
function Answer() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ py: 1 }}>
      <Typography variant="caption" color="text.secondary">
        {translate(F('question'))}
      </Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mb: 1 }}>
        {record.question}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate(F('answer'))}
      </Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
        {record.answer}
      </Typography>
    </Box>
  );
}

export function ConsultationCreate() {
  const me = useMe();
  return (
    <Create transform={toConsultation} redirect="list">
      <SimpleForm defaultValues={{ at: nowLocal() }} sx={{ maxWidth: 640 }}>
        <ConsultationInputs villageFilter={me.adviserFilter} />
      </SimpleForm>
    </Create>
  );
}
