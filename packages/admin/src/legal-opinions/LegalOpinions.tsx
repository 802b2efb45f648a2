import { Box, Card, CardContent, Typography } from '@mui/material';
import { DataTable, List, Show, useRecordContext, useTranslate } from 'react-admin';
import { CaseNumberLink, CnDateField, UserName, useFormat } from '../common/fields';
import { useMe } from '../common/useMe';
import type { OpinionRec } from '../records';

const F = (k: string) => `resources.legal-opinions.fields.${k}`;

const CaseLink = ({ record }: { record: OpinionRec }) => <CaseNumberLink id={record.caseId} />;

/** The opinions a legal adviser wrote, each linked to its case. */
export function LegalOpinionList() {
  const me = useMe();
  const translate = useTranslate();
  if (!me.ready) return null;
  return (
    <List filter={me.adviserFilter} sort={{ field: 'createdAt', order: 'DESC' }} title={'adviserId' in me.adviserFilter ? translate('app.menu.my_opinions') : undefined}>
      <DataTable rowClick="show" bulkActionButtons={false} size="small">
        <DataTable.Col source="title" label={F('title')} />
        <DataTable.Col source="caseId" label={F('caseId')} disableSort render={(r: OpinionRec) => <CaseLink record={r} />} />
        <DataTable.Col source="adviserName" label={F('adviserId')} disableSort render={(r: OpinionRec) => <UserName id={r.adviserId} />} />
        <DataTable.Col source="createdAt" label={F('createdAt')} render={() => <CnDateField source="createdAt" showTime />} />
      </DataTable>
    </List>
  );
}

function OpinionBody() {
  const record = useRecordContext<OpinionRec>();
  const translate = useTranslate();
  const fmt = useFormat();
  if (!record) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">{record.title}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate(F('caseId'))}：<CaseLink record={record} /> · {fmt.dateTime(record.createdAt)} <UserName id={record.adviserId} />
        </Typography>
        <Box sx={{ whiteSpace: 'pre-wrap' }}>{record.content}</Box>
      </CardContent>
    </Card>
  );
}

export const LegalOpinionShow = () => (
  <Show component="div">
    <OpinionBody />
  </Show>
);
