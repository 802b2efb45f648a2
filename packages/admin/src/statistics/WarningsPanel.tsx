import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { LinkBase as Link, useNotify, useTranslate } from 'react-admin';
import { WARNING_STATES } from '@tiaojie/core/domain';
import { getJson, postJson } from './api';

interface WarningRec {
  id: number;
  kind: string;
  title: string;
  state: string;
  caseCount: number;
  ownerId: number | null;
  reason: string | null;
  updatedAt: string;
  version: number;
}
interface WarningDetailRec extends WarningRec {
  caseIds: number[];
  events: Array<{ id: number; action: string; actorName: string; at: string; note: string | null }>;
}

const casesLink = (ids: number[]) => `/cases?filter=${encodeURIComponent(JSON.stringify({ id: ids }))}`;
const local = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The class view: a warning's cases, its history, and what a leader can do with it. */
function WarningDialog({ id, onClose }: { id: number; onClose: (changed: boolean) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [w, setW] = useState<WarningDetailRec | null>(null);
  const [reason, setReason] = useState('');
  const [mediatorId, setMediatorId] = useState('');
  const [changed, setChanged] = useState(false);
  useEffect(() => {
    getJson<WarningDetailRec>(`/warnings/${id}`).then(setW, (e) => notify((e as Error).message, { type: 'error' }));
  }, [id, notify]);
  const act = async (action: string, extra: Record<string, unknown> = {}) => {
    try {
      setW(await postJson<WarningDetailRec>(`/warnings/${id}/actions`, { action, version: w!.version, ...extra }));
      setChanged(true);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  if (!w) return null;
  return (
    <Dialog open onClose={() => onClose(changed)} maxWidth="md" fullWidth>
      <DialogTitle>
        {w.title} <Chip size="small" label={translate(`statistics.enums.warning_state.${w.state}`)} />
      </DialogTitle>
      <DialogContent>
        <Button component={Link} to={casesLink(w.caseIds)} size="small">
          {translate('statistics.warnings.view_cases')} ({w.caseIds.length})
        </Button>
        <Typography variant="subtitle2" sx={{ mt: 1 }}>
          {translate('statistics.warnings.history')}
        </Typography>
        <List dense data-testid="warning-history">
          {w.events.map((e) => (
            <ListItem key={e.id}>
              <ListItemText primary={`${local(e.at)} · ${e.actorName} · ${translate(`statistics.warnings.${e.action}`, { _: e.action })}`} secondary={e.note} />
            </ListItem>
          ))}
        </List>
        {w.state === 'open' && (
          <Stack spacing={1} sx={{ mt: 1 }}>
            <TextField fullWidth={false} size="small" label={translate('statistics.warnings.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
            {w.kind !== 'high_risk' && (
              <Stack direction="row" spacing={1}>
                <TextField fullWidth={false} size="small" label={translate('statistics.warnings.mediator_id')} value={mediatorId} onChange={(e) => setMediatorId(e.target.value)} />
                <Button
                  size="small"
                  disabled={!Number(mediatorId)}
                  onClick={async () => {
                    try {
                      const r = await postJson<{ assigned: number[]; skipped: number[] }>(`/warnings/${id}/assign`, { mediatorId: Number(mediatorId) });
                      notify(`${r.assigned.length} / ${r.assigned.length + r.skipped.length}`);
                      setW(await getJson<WarningDetailRec>(`/warnings/${id}`));
                    } catch (e) {
                      notify((e as Error).message, { type: 'error' });
                    }
                  }}
                >
                  {translate('statistics.warnings.assign')}
                </Button>
                <Button
                  size="small"
                  disabled={!reason.trim()}
                  onClick={async () => {
                    try {
                      const r = await postJson<{ supervised: number[]; skipped: number[] }>(`/warnings/${id}/supervise`, { instructions: reason, deadlineDays: 10 });
                      notify(`${r.supervised.length} / ${r.supervised.length + r.skipped.length}`);
                      setW(await getJson<WarningDetailRec>(`/warnings/${id}`));
                    } catch (e) {
                      notify((e as Error).message, { type: 'error' });
                    }
                  }}
                >
                  {translate('statistics.warnings.supervise')}
                </Button>
              </Stack>
            )}
          </Stack>
        )}
      </DialogContent>
      {w.state === 'open' && (
        <DialogActions>
          <Button onClick={() => act('take')}>{translate('statistics.warnings.take')}</Button>
          <Button onClick={() => act('handle', reason ? { note: reason } : {})}>{translate('statistics.warnings.handle')}</Button>
          <Button color="warning" disabled={!reason.trim()} onClick={() => act('dismiss', { reason })}>
            {translate('statistics.warnings.dismiss')}
          </Button>
        </DialogActions>
      )}
    </Dialog>
  );
}

/** The leaders' warnings queue. */
export function WarningsPanel() {
  const translate = useTranslate();
  const [state, setState] = useState<string>('open');
  const [rows, setRows] = useState<WarningRec[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const load = useCallback(() => {
    getJson<WarningRec[]>(`/warnings?filter=${encodeURIComponent(JSON.stringify(state ? { state } : {}))}&range=${encodeURIComponent('[0,199]')}`).then(setRows, (e) => setError((e as Error).message));
  }, [state]);
  useEffect(load, [load]);
  if (error) return <Alert severity="error">{error}</Alert>;
  return (
    <>
      <TextField fullWidth={false} select size="small" label={translate('statistics.warnings.state')} value={state} onChange={(e) => setState(e.target.value)} sx={{ minWidth: 140, mb: 1 }}>
        <MenuItem value="">—</MenuItem>
        {WARNING_STATES.map((s) => (
          <MenuItem key={s} value={s}>
            {translate(`statistics.enums.warning_state.${s}`)}
          </MenuItem>
        ))}
      </TextField>
      {rows && !rows.length ? (
        <Typography color="text.secondary">{translate('statistics.warnings.empty')}</Typography>
      ) : (
        <Table size="small" data-testid="warnings">
          <TableHead>
            <TableRow>
              <TableCell>{translate('statistics.warnings.kind')}</TableCell>
              <TableCell>{translate('statistics.warnings.title')}</TableCell>
              <TableCell align="right">{translate('statistics.warnings.cases')}</TableCell>
              <TableCell>{translate('statistics.warnings.state')}</TableCell>
              <TableCell>{translate('statistics.warnings.updated')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(rows ?? []).map((w) => (
              <TableRow key={w.id} hover sx={{ cursor: 'pointer' }} onClick={() => setOpen(w.id)}>
                <TableCell>{translate(`statistics.enums.warning_kind.${w.kind}`)}</TableCell>
                <TableCell>{w.title}</TableCell>
                <TableCell align="right">{w.caseCount}</TableCell>
                <TableCell>{translate(`statistics.enums.warning_state.${w.state}`)}</TableCell>
                <TableCell>{local(w.updatedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {open != null && (
        <WarningDialog
          id={open}
          onClose={(changed) => {
            setOpen(null);
            if (changed) load();
          }}
        />
      )}
    </>
  );
}
