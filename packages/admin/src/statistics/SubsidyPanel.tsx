import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, CardHeader, Chip, Grid, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { hasRole } from '../authProvider';
import { usePermissions } from 'react-admin';
import { getJson, postJson, query } from './api';
import { ExportButton, type Filters } from './Controls';
import { DateText } from '../common/DateInputs';
import { readDate } from '../common/dates';

interface StatementRec {
  month: string;
  organizationName: string;
  closed: boolean;
  closedAt: string | null;
  lines: Array<{ caseId: number; caseNumber: string; mediatorName: string | null; handlingOrgName: string; complexity: string; result: string | null; amountFen: number; kind: string }>;
  byMediator: Array<{ mediatorId: number | null; name: string; cases: number; amountFen: number }>;
  byOrganization: Array<{ organizationId: number; name: string; cases: number; amountFen: number }>;
  totalFen: number;
}
const yuan = (fen: number) => (fen / 100).toLocaleString(undefined, { minimumFractionDigits: 2 });

/** A month's 以案定补 statement, its export, and closing the month (admins). */
export function SubsidyPanel({ filters }: { filters: Filters }) {
  const translate = useTranslate();
  const notify = useNotify();
  const { permissions } = usePermissions();
  const [month, setMonth] = useState(filters.month);
  const [data, setData] = useState<StatementRec | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = query({ month, organizationId: filters.organizationId });
  const load = useCallback(() => {
    getJson<StatementRec>(`/subsidies/statement${q}`).then(
      (d) => (setData(d), setError(null)),
      (e) => setError((e as Error).message),
    );
  }, [q]);
  useEffect(load, [load]);
  const small = (title: string, rows: Array<{ name: string; cases: number; amountFen: number }>) => (
    <Card variant="outlined">
      <CardHeader title={title} slotProps={{ title: { variant: 'subtitle1' } }} />
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell />
            <TableCell align="right">{translate('statistics.subsidy.cases')}</TableCell>
            <TableCell align="right">{translate('statistics.subsidy.amount')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.name}>
              <TableCell>{r.name}</TableCell>
              <TableCell align="right">{r.cases}</TableCell>
              <TableCell align="right">{yuan(r.amountFen)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center' }}>
        <DateText kind="month" size="small" label={translate('statistics.subsidy.month')} value={month} onChange={(t) => readDate(t, 'month') === t && setMonth(t)} />
        {data && <Chip label={data.closed ? translate('statistics.subsidy.closed', { at: data.closedAt?.slice(0, 10) }) : translate('statistics.subsidy.open')} color={data.closed ? 'success' : 'default'} data-testid="subsidy-state" />}
        <ExportButton path={`/exports/subsidies/statement.xlsx${q}`} />
        {data && !data.closed && hasRole(permissions, 'admin') && (
          <Button
            size="small"
            variant="contained"
            onClick={async () => {
              if (!window.confirm(translate('statistics.subsidy.confirm_close'))) return;
              try {
                setData(await postJson<StatementRec>('/subsidies/close', { month, ...(filters.organizationId ? { organizationId: filters.organizationId } : {}) }));
              } catch (e) {
                notify((e as Error).message, { type: 'error' });
              }
            }}
          >
            {translate('statistics.subsidy.close')}
          </Button>
        )}
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {data && (
        <Grid container spacing={2}>
          <Grid size={12}>
            <Typography variant="subtitle1">
              {data.organizationName} · {data.month} · {translate('statistics.subsidy.total')}: <b data-testid="subsidy-total">{yuan(data.totalFen)}</b>
            </Typography>
            <Table size="small" data-testid="subsidy-lines">
              <TableHead>
                <TableRow>
                  {(['case_number', 'mediator', 'organization', 'complexity', 'result', 'amount', 'kind'] as const).map((k) => (
                    <TableCell key={k} align={k === 'amount' ? 'right' : 'left'}>
                      {translate(`statistics.subsidy.${k}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.lines.map((l, i) => (
                  <TableRow key={`${l.caseId}-${i}`}>
                    <TableCell>{l.caseNumber}</TableCell>
                    <TableCell>{l.mediatorName ?? '—'}</TableCell>
                    <TableCell>{l.handlingOrgName}</TableCell>
                    <TableCell>{translate(`statistics.enums.complexity.${l.complexity}`)}</TableCell>
                    <TableCell>{l.result ? translate(`statistics.enums.result.${l.result}`) : '—'}</TableCell>
                    <TableCell align="right">{yuan(l.amountFen)}</TableCell>
                    <TableCell>{translate(`statistics.subsidy.${l.kind}`)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>{small(translate('statistics.subsidy.by_mediator'), data.byMediator)}</Grid>
          <Grid size={{ xs: 12, md: 6 }}>{small(translate('statistics.subsidy.by_organization'), data.byOrganization)}</Grid>
        </Grid>
      )}
    </>
  );
}
