import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Menu, MenuItem, Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import MoreHorizIcon from '@mui/icons-material/MoreHoriz';
import { Form, useNotify, usePermissions, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useTiaojie } from '../common/useTiaojie';
import { errorCode, errorDetails } from '../http';
import { ACTION_FORMS } from './actionForms';
import { actionsForRoles, type ActionName } from '@tiaojie/core/domain';
import type { CaseRec, FieldErrorDetail } from '../records';

/** Keeps the allowed actions of the case in view, refreshed whenever its version changes. */
function useAllowedActions(id: unknown, version: unknown) {
  const dp = useTiaojie();
  const [state, setState] = useState<{ actions: ActionName[]; loading: boolean }>({ actions: [], loading: true });
  useEffect(() => {
    if (id == null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    dp.actions(id as number)
      .then((actions) => live && setState({ actions, loading: false }))
      .catch(() => live && setState({ actions: [], loading: false }));
    return () => {
      live = false;
    };
  }, [dp, id, version]);
  return state;
}

/**
 * One button per action the API allows now; each opens its form. The other actions of the
 * person's roles sit in a "more" menu: asking for one shows the API's reason for refusing it.
 */
export function CaseActions() {
  const record = useRecordContext<CaseRec>();
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { actions, loading } = useAllowedActions(record?.id, record?.version);
  const [open, setOpen] = useState<ActionName | null>(null);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  if (!record) return null;
  const others = actionsForRoles(Array.isArray(permissions) ? permissions : []).filter((a) => !actions.includes(a));
  return (
    <Box data-testid="case-actions">
      <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        {loading && <CircularProgress size={20} />}
        {!loading && actions.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {translate('app.case.no_actions')}
          </Typography>
        )}
        {actions.map((a, i) => (
          <Button
            key={a}
            data-action={a}
            size="small"
            variant={i === 0 ? 'contained' : 'outlined'}
            color={ACTION_FORMS[a]?.color ?? 'primary'}
            onClick={() => setOpen(a)}
          >
            {translate(`actions.${a}`, { _: a })}
          </Button>
        ))}
        {others.length > 0 && (
          <>
            <Button size="small" color="inherit" startIcon={<MoreHorizIcon />} onClick={(e) => setMenuAnchor(e.currentTarget)} data-testid="more-actions">
              {translate('app.case.other_actions')}
            </Button>
            <Menu anchorEl={menuAnchor} open={!!menuAnchor} onClose={() => setMenuAnchor(null)}>
              {others.map((a) => (
                <MenuItem
                  key={a}
                  data-action={a}
                  sx={{ color: 'text.secondary' }}
                  onClick={() => {
                    setMenuAnchor(null);
                    setOpen(a);
                  }}
                >
                  {translate(`actions.${a}`, { _: a })}
                </MenuItem>
              ))}
            </Menu>
          </>
        )}
      </Stack>
      {open && <ActionDialog action={open} allowed={actions.includes(open)} record={record} onClose={() => setOpen(null)} />}
    </Box>
  );
}

/** The form of one action; submits a transition and shows the API's reason when it refuses. */
function ActionDialog({ action, allowed, record, onClose }: { action: ActionName; allowed: boolean; record: CaseRec; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dp = useTiaojie();
  const fullScreen = useMediaQuery((t: Theme) => t.breakpoints.down('sm'));
  const spec = ACTION_FORMS[action] ?? {};
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = translate(`actions.${action}`, { _: action });

  const submit = useCallback(
    async (values: Record<string, unknown>) => {
      setBusy(true);
      setError(null);
      try {
        const payload = spec.toPayload ? spec.toPayload(values) : Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v != null));
        await dp.transition(record.id, action, record.version, payload);
        notify('app.case.done', { type: 'success', messageArgs: { action: label } });
        refresh();
        onClose();
        return undefined;
      } catch (e) {
        const code = errorCode(e);
        if (code === 'CONFLICT.STALE_VERSION') {
          notify('app.case.stale', { type: 'warning' });
          refresh();
          onClose();
          return undefined;
        }
        const details = errorDetails(e);
        if ((e as { status?: number })?.status === 400 && Array.isArray(details)) {
          // Field errors go next to their inputs (`agreement.terms` …) and are listed above too.
          setError(details.map((d: FieldErrorDetail) => d.message).join('；'));
          return Object.fromEntries(details.filter((d: FieldErrorDetail) => d.field).map((d: FieldErrorDetail) => [d.field, d.message]));
        }
        setError((e as Error)?.message || translate('ra.notification.http_error'));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action, dp, label, notify, onClose, record, refresh, spec, translate],
  );

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth={spec.wide ? 'md' : 'sm'} fullScreen={fullScreen} data-testid={`dialog-${action}`}>
      <Form record={spec.defaults?.(record) ?? {}} onSubmit={submit} noValidate>
        <DialogTitle>
          {label}
          <Typography component="div" variant="body2" color="text.secondary">
            {record.caseNumber} · {record.title}
          </Typography>
        </DialogTitle>
        <DialogContent dividers>
          {!allowed && !error && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate('app.case.other_action_hint')}
            </Alert>
          )}
          {error && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="action-error">
              <strong>{translate('app.case.refused')}：</strong>
              {error}
            </Alert>
          )}
          {spec.inputs ? spec.inputs(record) : <Typography>{translate('ra.message.are_you_sure')}</Typography>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {translate('ra.action.cancel')}
          </Button>
          <Button type="submit" variant="contained" color={spec.color === 'inherit' ? 'primary' : (spec.color ?? 'primary')} disabled={busy} data-testid="action-submit">
            {busy ? <CircularProgress size={18} color="inherit" /> : label}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
