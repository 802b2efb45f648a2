import { Button, Card, CardContent, CardHeader, List, ListItem, ListItemText, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useEffect, useState } from 'react';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import { download, DocumentOffer, listDocuments } from './papersApi';

/** 文书: the papers the case can print now, each with a download button (every print is in the case's history). */
export function CaseDocuments() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);
  const [data, setData] = useState<DocumentOffer[] | null>(null);
  // Reloaded whenever the case changes (its version): what can be printed follows its state.
  useEffect(() => {
    if (record?.id == null) return;
    let live = true;
    listDocuments(record.id as number).then(
      (rows) => live && setData(rows),
      () => live && setData([]),
    );
    return () => {
      live = false;
    };
  }, [record?.id, record?.version]);
  const isPending = data === null;
  if (!record) return null;
  const get = async (kind: string, sessionId: number | null, fileName: string) => {
    const key = `${kind}-${sessionId ?? ''}`;
    setBusy(key);
    try {
      await download(`/cases/${record.id}/documents/${kind}${sessionId ? `?sessionId=${sessionId}` : ''}`, fileName);
    } catch (e: any) {
      notify(e?.message ?? 'ra.notification.http_error', { type: 'warning' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card variant="outlined" data-testid="case-documents">
      <CardHeader title={translate('app.papers.documents')} subheader={translate('app.papers.documents_hint')} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 }, subheader: { variant: 'caption' } }} sx={{ pb: 0 }} />
      <CardContent sx={{ pt: 1 }}>
        {isPending ? null : !data?.length ? (
          <Typography color="text.secondary">{translate('app.papers.no_documents')}</Typography>
        ) : (
          <List dense disablePadding>
            {data.map((d) => (
              <ListItem
                key={`${d.kind}-${d.sessionId ?? ''}`}
                disableGutters
                secondaryAction={
                  <Button size="small" startIcon={<DownloadIcon />} disabled={busy === `${d.kind}-${d.sessionId ?? ''}`} onClick={() => get(d.kind, d.sessionId, d.fileName)} data-testid={`document-${d.kind}`}>
                    {translate('app.papers.download')}
                  </Button>
                }
              >
                <ListItemText primary={d.title} secondary={d.date ?? undefined} />
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
