import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, CardContent, CardHeader, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import SmsIcon from '@mui/icons-material/Sms';
import { useNotify, usePermissions, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { hasRole } from '../authProvider';
import { API_URL, httpClient } from '../http';

/** The templates a message is sent from (core's PARTY_MESSAGE_KINDS). */
const KINDS = ['acceptance', 'session', 'follow_up'] as const;
type Kind = (typeof KINDS)[number];

interface PartyMessageRec {
  id: number;
  kind: Kind;
  toMasked: string;
  text: string;
  state: 'pending' | 'sent' | 'failed';
  error: string | null;
  createdAt: string;
}

/**
 * 通知当事人: send 受理通知 / 调解时间通知 / 回访 to the case's parties with a phone, list what was
 * sent, and send a failed one again. Each send is on the case's history (the case's version moves).
 */
export function CaseMessages() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { permissions } = usePermissions();
  const [rows, setRows] = useState<PartyMessageRec[]>([]);
  const [kind, setKind] = useState<Kind | null>(null);
  const [time, setTime] = useState('');
  const [place, setPlace] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const may = hasRole(permissions, 'admin', 'clerk', 'mediator');
  const id = record?.id;

  const load = useCallback(async () => {
    if (id == null) return;
    setRows(((await httpClient<PartyMessageRec[]>(`${API_URL}/cases/${id}/messages`)).json ?? []) as PartyMessageRec[]);
  }, [id]);
  useEffect(() => {
    if (may) load().catch(() => undefined);
  }, [may, load, record?.version]);
  if (!record || !may) return null;

  const post = async (path: string, body: Record<string, unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const res = await httpClient<PartyMessageRec | PartyMessageRec[]>(`${API_URL}/cases/${record.id}/${path}`, { method: 'POST', body: JSON.stringify({ ...body, version: record.version }) });
      const answered = ([] as PartyMessageRec[]).concat(res.json ?? []);
      const failed = answered.filter((m) => m.state === 'failed').length;
      notify(failed ? 'app.messages.some_failed' : done, { type: failed ? 'warning' : 'success', messageArgs: { smart_count: answered.length, failed } });
      setKind(null);
      refresh();
      await load();
    } catch (e: any) {
      setError(e?.message ?? translate('ra.notification.http_error'));
    } finally {
      setBusy(false);
    }
  };

  const send = () => post('messages', kind === 'session' ? { template: kind, time, place } : { template: kind }, 'app.messages.sent');

  return (
    <Card variant="outlined" data-testid="case-messages">
      <CardHeader title={translate('app.messages.title')} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} sx={{ pb: 0 }} />
      <CardContent>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 1 }}>
          {KINDS.map((k) => (
            <Button key={k} size="small" variant="outlined" startIcon={<SmsIcon />} disabled={busy} onClick={() => (setError(null), setKind(k))} data-testid={`message-${k}`}>
              {translate(`app.message_templates.kind.${k}`)}
            </Button>
          ))}
        </Stack>
        {error && !kind && <Alert severity="error" sx={{ mb: 1 }}>{error}</Alert>}
        {!rows.length ? (
          <Typography color="text.secondary">{translate('app.messages.none')}</Typography>
        ) : (
          <Table size="small" data-testid="party-messages">
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.messages.kind')}</TableCell>
                <TableCell>{translate('app.messages.to')}</TableCell>
                <TableCell>{translate('app.messages.state_label')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((m) => (
                <TableRow key={m.id} title={m.text}>
                  <TableCell>{translate(`app.message_templates.kind.${m.kind}`)}</TableCell>
                  <TableCell>{m.toMasked}</TableCell>
                  <TableCell sx={{ color: m.state === 'failed' ? 'error.main' : m.state === 'sent' ? 'success.main' : 'text.secondary' }}>
                    {translate(`app.messages.state.${m.state}`)}
                    {m.error ? `（${m.error}）` : ''}
                  </TableCell>
                  <TableCell>
                    {m.state === 'failed' && (
                      <Button size="small" disabled={busy} onClick={() => post(`messages/${m.id}/retry`, {}, 'app.messages.resent')} data-testid="message-retry">
                        {translate('app.messages.retry')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      <Dialog open={kind != null} onClose={() => setKind(null)} fullWidth maxWidth="xs">
        <DialogTitle>{kind && translate(`app.message_templates.kind.${kind}`)}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('app.messages.hint')}
          </Typography>
          {kind === 'session' && (
            <Stack spacing={1.5} sx={{ mt: 1 }}>
              <TextField size="small" required label={translate('app.messages.time')} value={time} onChange={(e) => setTime(e.target.value)} slotProps={{ htmlInput: { maxLength: 50 } }} />
              <TextField size="small" required label={translate('app.messages.place')} value={place} onChange={(e) => setPlace(e.target.value)} slotProps={{ htmlInput: { maxLength: 100 } }} />
            </Stack>
          )}
          {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setKind(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={busy || (kind === 'session' && (!time.trim() || !place.trim()))} onClick={send} data-testid="message-send">
            {translate('app.messages.send')}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
