import { useState } from 'react';
import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { AutocompleteInput, Button, Form, ReferenceInput, required, useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { useTiaojie } from '../common/useTiaojie';
import type { CaseRec } from '../records';

/**
 * Assigns the selected cases to one mediator, one `assign` transition per case (each with its
 * own version); cases the lifecycle refuses are reported with the API's reason.
 */
export function BulkAssignButton() {
  const { selectedIds, resource } = useListContext();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource ?? 'cases');
  const dp = useTiaojie();

  const submit = async ({ mediatorId }: { mediatorId?: number }) => {
    setBusy(true);
    const { data: cases } = await dp.getMany<CaseRec>('cases', { ids: selectedIds });
    const results = await Promise.allSettled(cases.map((c) => dp.transition(c.id, 'assign', c.version, { mediatorId })));
    const failed = results
      .map((r, i) => (r.status === 'rejected' ? `${cases[i].caseNumber}：${(r.reason as Error)?.message}` : null))
      .filter((x): x is string => !!x);
    const ok = results.length - failed.length;
    setBusy(false);
    setOpen(false);
    if (failed.length) notify('app.bulk_assign.partly', { type: 'warning', messageArgs: { ok, failed: failed.length, reasons: failed.join('；') }, autoHideDuration: 10000 });
    else notify('app.bulk_assign.done', { type: 'success', messageArgs: { ok } });
    unselectAll();
    refresh();
  };

  return (
    <>
      <Button label="app.bulk_assign.button" onClick={() => setOpen(true)} data-testid="bulk-assign">
        <AssignmentIndIcon />
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} fullWidth maxWidth="xs">
        <Form onSubmit={submit}>
          <DialogTitle>{translate('app.bulk_assign.title', { smart_count: selectedIds.length })}</DialogTitle>
          <DialogContent>
            <ReferenceInput source="mediatorId" reference="users" filter={{ role: 'mediator', active: true }} sort={{ field: 'displayName', order: 'ASC' }} perPage={100}>
              <AutocompleteInput label="action_fields.mediatorId" optionText="displayName" validate={required()} fullWidth />
            </ReferenceInput>
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={() => setOpen(false)} disabled={busy}>
              {translate('ra.action.cancel')}
            </MuiButton>
            <MuiButton type="submit" variant="contained" disabled={busy}>
              {translate('actions.assign')}
            </MuiButton>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
}
