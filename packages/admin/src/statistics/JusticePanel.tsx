import { useEffect, useState } from 'react';
import { Alert, Box, Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import { useTranslate } from 'react-admin';
import { getJson, query } from './api';
import { ExportButton, FigureLabel, periodOf, type Filters } from './Controls';

const SOURCES = ['application', 'own_initiative', 'referral'] as const;
const RESULTS = ['written', 'oral', 'failed', 'pending'] as const;
type Row = { statsCategory: string; bySource: Record<(typeof SOURCES)[number], Record<(typeof RESULTS)[number], number>>; cases: number; amountFen: number; people: number };
interface JusticeRec {
  period: { from: string; to: string };
  organizationName: string;
  rows: Row[];
  total: Row;
  preventedCriminal: { cases: number; people: number };
  preventedGroupPetition: { cases: number; people: number };
  confirmations: { applied: number; granted: number };
  committees: number;
  mediators: number;
}

/** Rows of the form whose definition is a tooltip (FIGURE_DEFINITIONS). */
const DEFINED = { prevented_criminal: 'preventedCriminal', prevented_group: 'preventedGroupPetition' } as const;

const cell = { border: '1px solid', borderColor: 'divider', px: 0.75, py: 0.5, fontSize: 12 };

/** The justice-bureau form as a printable table. */
export function JusticePanel({ filters }: { filters: Filters }) {
  const translate = useTranslate();
  const [data, setData] = useState<JusticeRec | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = query({ period: periodOf(filters), organizationId: filters.organizationId });
  useEffect(() => {
    let live = true;
    getJson<JusticeRec>(`/figures/justice${q}`).then(
      (d) => live && (setData(d), setError(null)),
      (e) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [q]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!data) return null;
  const line = (name: string, r: Row, bold = false) => (
    <TableRow key={name} sx={bold ? { '& td': { fontWeight: 700 } } : undefined}>
      <TableCell sx={cell}>{name}</TableCell>
      {SOURCES.flatMap((s) => RESULTS.map((res) => <TableCell key={`${s}.${res}`} sx={cell} align="right">{r.bySource[s][res]}</TableCell>))}
      <TableCell sx={cell} align="right">{r.cases}</TableCell>
      <TableCell sx={cell} align="right">{(r.amountFen / 100).toLocaleString()}</TableCell>
      <TableCell sx={cell} align="right">{r.people}</TableCell>
    </TableRow>
  );
  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center', '@media print': { display: 'none' } }}>
        <Button size="small" variant="outlined" startIcon={<PrintIcon />} onClick={() => window.print()}>
          {translate('statistics.print')}
        </Button>
        <ExportButton path={`/exports/figures/justice.xlsx${q}`} />
      </Stack>
      <Typography variant="h6" align="center">
        {translate('statistics.justice.title')}
      </Typography>
      <Typography variant="body2" align="center" sx={{ mb: 1 }}>
        {data.organizationName} · {data.period.from} — {data.period.to}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid="justice-form" sx={{ borderCollapse: 'collapse' }}>
          <TableHead>
            <TableRow>
              <TableCell sx={cell} rowSpan={2}>{translate('statistics.justice.category')}</TableCell>
              {SOURCES.map((s) => (
                <TableCell key={s} sx={cell} colSpan={RESULTS.length} align="center">
                  {translate(`statistics.enums.source.${s}`)}
                </TableCell>
              ))}
              <TableCell sx={cell} rowSpan={2}>{translate('statistics.justice.cases')}</TableCell>
              <TableCell sx={cell} rowSpan={2}>{translate('statistics.justice.amount')}</TableCell>
              <TableCell sx={cell} rowSpan={2}>{translate('statistics.justice.people')}</TableCell>
            </TableRow>
            <TableRow>
              {SOURCES.flatMap((s) => RESULTS.map((res) => <TableCell key={`${s}.${res}`} sx={cell} align="center">{translate(`statistics.enums.jb_result.${res}`)}</TableCell>))}
            </TableRow>
          </TableHead>
          <TableBody>
            {data.rows.map((r) => line(translate(`statistics.enums.stats_category.${r.statsCategory}`), r))}
            {line(translate('statistics.justice.total'), data.total, true)}
          </TableBody>
        </Table>
      </Box>
      <Table size="small" sx={{ mt: 2, maxWidth: 520 }}>
        <TableBody>
          {(
            [
              ['prevented_criminal', translate('statistics.justice.cases_people', data.preventedCriminal)],
              ['prevented_group', translate('statistics.justice.cases_people', data.preventedGroupPetition)],
              ['confirmations_applied', data.confirmations.applied],
              ['confirmations_granted', data.confirmations.granted],
              ['committees', data.committees],
              ['mediators', data.mediators],
            ] as const
          ).map(([k, v]) => (
            <TableRow key={k}>
              <TableCell sx={cell}>
                {k in DEFINED ? <FigureLabel figure={DEFINED[k as keyof typeof DEFINED]}>{translate(`statistics.justice.${k}`)}</FigureLabel> : translate(`statistics.justice.${k}`)}
              </TableCell>
              <TableCell sx={cell} align="right">{v}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
