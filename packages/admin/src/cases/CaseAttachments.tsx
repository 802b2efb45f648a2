import { Alert, Button, Card, CardContent, CardHeader, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useRef, useState } from 'react';
import { useGetManyReference, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { useFormat } from '../common/fields';
import { ACCEPTED_EXTENSIONS, download, MAX_UPLOAD_BYTES, postForm } from './papersApi';

const CATEGORIES = ['evidence', 'signed_scan', 'id_document', 'court_paper', 'other'] as const;

/** 附件: upload a file to the case (type and size checked here first, then by the server) and list its files. */
export function CaseAttachments() {
  const record = useRecordContext();
  const translate = useTranslate();
  const fmt = useFormat();
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [category, setCategory] = useState<string>('signed_scan');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data, refetch } = useGetManyReference(
    'attachments',
    { target: 'caseId', id: record?.id, pagination: { page: 1, perPage: 200 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: record?.id != null },
  );
  if (!record) return null;
  const f = (k: string) => translate(`resources.attachments.fields.${k}`);

  const upload = async (file: File | undefined) => {
    setError(null);
    if (!file) return;
    const name = file.name.toLowerCase();
    if (!ACCEPTED_EXTENSIONS.some((ext) => name.endsWith(ext))) return setError(translate('app.papers.wrong_type'));
    if (file.size > MAX_UPLOAD_BYTES) return setError(translate('app.papers.too_large'));
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('category', category);
    setBusy(true);
    try {
      await postForm(`/cases/${record.id}/attachments`, form);
      notify('app.papers.uploaded', { type: 'info', messageArgs: { name: file.name } });
      await refetch();
    } catch (e: any) {
      // The server's own reason, in Chinese (文件不能超过20MB, 只能上传 PDF …).
      setError(e?.message ?? translate('ra.notification.http_error'));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Card variant="outlined" data-testid="case-attachments">
      <CardHeader title={translate('app.papers.attachments')} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} sx={{ pb: 0 }} />
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }} useFlexGap>
          <TextField select size="small" label={f('category')} value={category} onChange={(e) => setCategory(e.target.value)} sx={{ minWidth: 160 }}>
            {CATEGORIES.map((c) => (
              <MenuItem key={c} value={c}>
                {translate(`enums.attachment_category.${c}`)}
              </MenuItem>
            ))}
          </TextField>
          <Button variant="outlined" size="small" startIcon={<UploadFileIcon />} disabled={busy} onClick={() => input.current?.click()} data-testid="upload-attachment">
            {translate('app.papers.upload')}
          </Button>
          <input ref={input} type="file" hidden accept={ACCEPTED_EXTENSIONS.join(',')} onChange={(e) => upload(e.target.files?.[0])} data-testid="attachment-file" />
          <Typography variant="caption" color="text.secondary">
            {translate('app.papers.limits')}
          </Typography>
        </Stack>
        {error && (
          <Alert severity="error" sx={{ mb: 1 }} data-testid="attachment-error">
            {error}
          </Alert>
        )}
        {!data?.length ? (
          <Typography color="text.secondary">{translate('app.papers.no_attachments')}</Typography>
        ) : (
          <Table size="small" data-testid="attachments">
            <TableHead>
              <TableRow>
                <TableCell>{f('fileName')}</TableCell>
                <TableCell>{f('category')}</TableCell>
                <TableCell>{f('uploadedByName')}</TableCell>
                <TableCell>{f('uploadedAt')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((a: any) => (
                <TableRow key={a.id} sx={a.withdrawnAt || a.supersededById ? { opacity: 0.55 } : undefined}>
                  <TableCell sx={{ wordBreak: 'break-all' }}>
                    {a.fileName}
                    {a.withdrawnAt && ` （${translate('app.papers.withdrawn')}：${a.withdrawReason ?? ''}）`}
                    {a.supersededById && ` （${translate('app.papers.superseded')}）`}
                  </TableCell>
                  <TableCell>{translate(`enums.attachment_category.${a.category}`)}</TableCell>
                  <TableCell>{a.uploadedByName}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(a.uploadedAt)}</TableCell>
                  <TableCell>
                    <Button size="small" onClick={() => download(`/attachments/${a.id}/content`, a.fileName).catch((e) => notify(e.message, { type: 'warning' }))}>
                      {translate('app.papers.download')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
