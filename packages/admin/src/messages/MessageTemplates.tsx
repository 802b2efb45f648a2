import { useEffect, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { Title, useNotify, useTranslate } from 'react-admin';
import { API_URL, httpClient } from '../http';

const KINDS = ['acceptance', 'session', 'follow_up'] as const;

/** The Chinese templates of messages to parties (受理通知, 调解时间通知, 回访), edited by an admin. */
export function MessageTemplates() {
  const translate = useTranslate();
  const notify = useNotify();
  const [texts, setTexts] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    httpClient(`${API_URL}/message-templates`).then(
      ({ json }) => setTexts(json as Record<string, string>),
      (e: Error) => setError(e.message),
    );
  }, []);
  const save = async (kind: string) => {
    try {
      const { json } = await httpClient(`${API_URL}/message-templates/${kind}`, { method: 'PUT', body: JSON.stringify({ text: texts![kind] }) });
      setTexts(json as Record<string, string>);
      notify('app.message_templates.saved', { type: 'success' });
    } catch (e: any) {
      notify(e?.message ?? 'ra.notification.http_error', { type: 'error' });
    }
  };
  return (
    <Box sx={{ mt: 1, maxWidth: 800 }}>
      <Title title={translate('app.message_templates.title')} />
      {error && <Alert severity="error">{error}</Alert>}
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('app.message_templates.hint')}
      </Typography>
      {texts && (
        <Stack spacing={2}>
          {KINDS.map((k) => (
            <Card key={k}>
              <CardContent>
                <TextField
                  label={translate(`app.message_templates.kind.${k}`)}
                  value={texts[k]}
                  onChange={(e) => setTexts({ ...texts, [k]: e.target.value })}
                  multiline
                  minRows={2}
                  fullWidth
                  inputProps={{ maxLength: 300, 'data-testid': `template-${k}` }}
                />
                <Button sx={{ mt: 1 }} variant="contained" onClick={() => save(k)}>
                  {translate('ra.action.save')}
                </Button>
              </CardContent>
            </Card>
          ))}
        </Stack>
      )}
    </Box>
  );
}
