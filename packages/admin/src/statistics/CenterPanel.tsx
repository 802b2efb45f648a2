import { lazy, Suspense, useEffect, useState } from 'react';
import { useCategoryName } from '../common/CategoryInput';
import { Alert, Box, Card, CardHeader, Grid, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { FigureKey } from '@tiaojie/core/domain';
import { getJson, query } from './api';
import { ExportButton, FigureLabel, periodOf, type Filters } from './Controls';

interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface Count {
  key: string;
  count: number;
  name?: string;
}
/** The answer of GET /figures/center. */
export interface CenterFiguresRec {
  period: { from: string; to: string; label: string };
  organizationName: string;
  received: { total: number; byChannel: Count[]; byCategory: Count[]; byArea: Count[]; byMonth: Count[] };
  acceptanceRate: Rate;
  successRate: Rate;
  handlingDays: { closed: number; mean: number | null; p90: number | null };
  overdueRate: Rate;
  satisfactionRate: Rate;
  sourceResolved: Array<Rate & { channel: string }>;
  villageResolvedRate: Rate;
  townshipResolvedRate: Rate;
  transfers: Array<{ kind: string; sent: number; acknowledged: number; meanHoursToAcknowledge: number | null }>;
  mediators: Array<{ mediatorId: number; name: string; open: number; settled: number; failed: number }>;
}

/**
 * The charts (recharts, the largest script of the page) load once the numbers are on the screen:
 * compiling them while the report is on its way would hold the numbers back.
 */
const FigureChart = lazy(() => import('./FigureChart'));
function Chart(props: { title: string; rows: Array<{ name: string; count: number }> }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setReady(true));
    return () => clearTimeout(t);
  }, []);
  const blank = <Box sx={{ height: 304 }} />;
  return ready ? (
    <Suspense fallback={blank}>
      <FigureChart {...props} />
    </Suspense>
  ) : (
    blank
  );
}

const pct = (r: Rate) => (r.rate == null ? '—' : `${(r.rate * 100).toFixed(1)}%`);

/** The center figures for the picked period, area and channel: counts as charts, rates with their definitions. */
export function CenterPanel({ filters }: { filters: Filters }) {
  const translate = useTranslate();
  const categoryName = useCategoryName();
  const [data, setData] = useState<CenterFiguresRec | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = query({ period: periodOf(filters), organizationId: filters.organizationId, channel: filters.channel });
  useEffect(() => {
    let live = true;
    setError(null);
    getJson<CenterFiguresRec>(`/figures/center${q}`).then(
      (d) => live && setData(d),
      (e) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [q]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!data) return null;
  const rates: Array<[FigureKey, Rate, string?]> = [
    ['acceptanceRate', data.acceptanceRate],
    ['successRate', data.successRate],
    ['overdueRate', data.overdueRate],
    ['satisfactionRate', data.satisfactionRate],
    ['villageResolvedRate', data.villageResolvedRate],
    ['townshipResolvedRate', data.townshipResolvedRate],
    ...data.sourceResolved.map((r) => ['sourceResolvedRate', r, translate(`enums.channel.${r.channel}`)] as [FigureKey, Rate, string]),
  ];
  return (
    <Grid container spacing={2}>
      <Grid size={12} sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="h6">
          {data.organizationName} · {data.period.from} — {data.period.to}
        </Typography>
        <FigureLabel figure="received">
          {translate('statistics.received')}: <b data-testid="received-total">{data.received.total}</b>
        </FigureLabel>
        <ExportButton path={`/exports/figures/center.xlsx${q}`} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Chart title={translate('statistics.by_channel')} rows={data.received.byChannel.map((c) => ({ name: translate(`enums.channel.${c.key}`), count: c.count }))} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Chart title={translate('statistics.by_category')} rows={data.received.byCategory.map((c) => ({ name: categoryName(c.key), count: c.count }))} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Chart title={translate('statistics.by_area')} rows={data.received.byArea.map((c) => ({ name: c.name ?? String(c.key), count: c.count }))} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Chart title={translate('statistics.by_month')} rows={data.received.byMonth.map((c) => ({ name: c.key, count: c.count }))} />
      </Grid>
      <Grid size={{ xs: 12, md: 7 }}>
        <Card variant="outlined">
          <CardHeader title={translate('statistics.rates')} slotProps={{ title: { variant: 'subtitle1' } }} />
          <Table size="small" data-testid="rates">
            <TableHead>
              <TableRow>
                <TableCell />
                <TableCell align="right">{translate('statistics.value')}</TableCell>
                <TableCell align="right">{translate('statistics.numerator')}</TableCell>
                <TableCell align="right">{translate('statistics.denominator')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rates.map(([key, r, suffix]) => (
                <TableRow key={`${key}${suffix ?? ''}`}>
                  <TableCell>
                    <FigureLabel figure={key} />
                    {suffix ? ` · ${suffix}` : ''}
                  </TableCell>
                  <TableCell align="right">{pct(r)}</TableCell>
                  <TableCell align="right">{r.numerator}</TableCell>
                  <TableCell align="right">{r.denominator}</TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell>
                  <FigureLabel figure="handlingDaysMean" />
                </TableCell>
                <TableCell align="right">{data.handlingDays.mean ?? '—'}</TableCell>
                <TableCell />
                <TableCell align="right">{data.handlingDays.closed}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>
                  <FigureLabel figure="handlingDaysP90" />
                </TableCell>
                <TableCell align="right">{data.handlingDays.p90 ?? '—'}</TableCell>
                <TableCell />
                <TableCell />
              </TableRow>
            </TableBody>
          </Table>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <Card variant="outlined" sx={{ mb: 2 }}>
          <CardHeader title={<FigureLabel figure="transfers" />} />
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell />
                <TableCell align="right">{translate('statistics.sent')}</TableCell>
                <TableCell align="right">{translate('statistics.acknowledged')}</TableCell>
                <TableCell align="right">{translate('statistics.hours')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.transfers.map((t) => (
                <TableRow key={t.kind}>
                  <TableCell>{translate(`statistics.${t.kind}`)}</TableCell>
                  <TableCell align="right">{t.sent}</TableCell>
                  <TableCell align="right">{t.acknowledged}</TableCell>
                  <TableCell align="right">{t.meanHoursToAcknowledge ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
        <Card variant="outlined">
          <CardHeader title={<FigureLabel figure="mediatorLoad" />} />
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell />
                <TableCell align="right">{translate('statistics.open')}</TableCell>
                <TableCell align="right">{translate('statistics.settled')}</TableCell>
                <TableCell align="right">{translate('statistics.failed')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.mediators.map((m) => (
                <TableRow key={m.mediatorId}>
                  <TableCell>{m.name}</TableCell>
                  <TableCell align="right">{m.open}</TableCell>
                  <TableCell align="right">{m.settled}</TableCell>
                  <TableCell align="right">{m.failed}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      </Grid>
    </Grid>
  );
}
