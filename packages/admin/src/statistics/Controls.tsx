import { useState } from 'react';
import { Button, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import { useGetList, useLocale, useNotify, useTranslate } from 'react-admin';
import { CHANNELS, FIGURE_DEFINITIONS, type FigureKey } from '@tiaojie/core/domain';
import { download } from './api';
import { DateText } from '../common/DateInputs';
import { readDate, type DateKind } from '../common/dates';

/** A period changes once its date is whole (2026-12-01), not at every digit typed. */
const whole = (text: string, kind: DateKind) => readDate(text, kind) === text;

export type PeriodKind = 'month' | 'quarter' | 'year' | 'range';
export interface Filters {
  kind: PeriodKind;
  month: string;
  quarter: string;
  year: string;
  from: string;
  to: string;
  organizationId: number | '';
  channel: string;
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
export const initialFilters = (): Filters => {
  const d = today();
  return { kind: 'month', month: d.slice(0, 7), quarter: `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`, year: d.slice(0, 4), from: `${d.slice(0, 7)}-01`, to: d, organizationId: '', channel: '' };
};

/** The API's period parameter (`2026-11`, `2026-Q4`, `2026`, `2026-11-01..2026-11-20`). */
export const periodOf = (f: Filters) => (f.kind === 'month' ? f.month : f.kind === 'quarter' ? f.quarter : f.kind === 'year' ? f.year : `${f.from}..${f.to}`);

/** Period, area and (optionally) channel pickers. */
export function Pickers({ value, onChange, channel = true }: { value: Filters; onChange: (f: Filters) => void; channel?: boolean }) {
  const translate = useTranslate();
  const { data: orgs } = useGetList('organizations', { pagination: { page: 1, perPage: 500 }, sort: { field: 'path', order: 'ASC' }, filter: { active: true } });
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const quarters = [0, 1, 2, 3].flatMap((back) => [1, 2, 3, 4].map((q) => `${Number(value.year) - back}-Q${q}`)).sort().reverse();
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1, '@media print': { display: 'none' } }}>
      <TextField fullWidth={false} select size="small" label={translate('statistics.period.label')} value={value.kind} onChange={(e) => set({ kind: e.target.value as PeriodKind })} sx={{ minWidth: 110 }}>
        {(['month', 'quarter', 'year', 'range'] as const).map((k) => (
          <MenuItem key={k} value={k}>
            {translate(`statistics.period.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      {value.kind === 'month' && <DateText kind="month" size="small" label={translate('statistics.period.value')} value={value.month} onChange={(t) => whole(t, 'month') && set({ month: t })} sx={{ width: 130 }} />}
      {value.kind === 'quarter' && (
        <TextField fullWidth={false} select size="small" label={translate('statistics.period.value')} value={value.quarter} onChange={(e) => set({ quarter: e.target.value })} sx={{ minWidth: 120 }}>
          {quarters.map((q) => (
            <MenuItem key={q} value={q}>
              {q}
            </MenuItem>
          ))}
        </TextField>
      )}
      {value.kind === 'year' && <TextField fullWidth={false} size="small" type="number" label={translate('statistics.period.value')} value={value.year} onChange={(e) => set({ year: e.target.value })} sx={{ width: 110 }} />}
      {value.kind === 'range' && (
        <>
          <DateText size="small" label={translate('statistics.period.from')} value={value.from} onChange={(t) => whole(t, 'date') && set({ from: t })} sx={{ width: 150 }} />
          <DateText size="small" label={translate('statistics.period.to')} value={value.to} onChange={(t) => whole(t, 'date') && set({ to: t })} sx={{ width: 150 }} />
        </>
      )}
      <TextField fullWidth={false} select size="small" label={translate('statistics.area')} value={value.organizationId} onChange={(e) => set({ organizationId: e.target.value === '' ? '' : Number(e.target.value) })} sx={{ minWidth: 200 }}>
        <MenuItem value="">{translate('statistics.all_areas')}</MenuItem>
        {(orgs ?? [])
          .filter((o) => ['county', 'township', 'village', 'specialized'].includes(o.type))
          .map((o) => (
            <MenuItem key={o.id} value={o.id}>
              {'　'.repeat(o.depth ?? 0)}
              {o.name}
            </MenuItem>
          ))}
      </TextField>
      {channel && (
        <TextField fullWidth={false} select size="small" label={translate('statistics.channel')} value={value.channel} onChange={(e) => set({ channel: e.target.value })} sx={{ minWidth: 140 }}>
          <MenuItem value="">{translate('statistics.all_channels')}</MenuItem>
          {CHANNELS.map((c) => (
            <MenuItem key={c} value={c}>
              {translate(`enums.channel.${c}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
    </Stack>
  );
}

/** A figure's name with its definition (numerator, denominator, date) as a tooltip. */
export function FigureLabel({ figure, children }: { figure: FigureKey; children?: React.ReactNode }) {
  const locale = useLocale();
  const d = FIGURE_DEFINITIONS[figure];
  const lang = locale === 'en' ? 'en' : 'zh';
  const text = [`${lang === 'zh' ? '分子' : 'Numerator'}: ${d.numerator[lang]}`, d.denominator ? `${lang === 'zh' ? '分母' : 'Denominator'}: ${d.denominator[lang]}` : null, `${lang === 'zh' ? '日期' : 'Date'}: ${d.date[lang]}`].filter(Boolean).join('\n');
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{text}</span>} data-testid={`def-${figure}`}>
      <Typography component="span" variant="body2" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, cursor: 'help' }}>
        {children ?? d[lang]}
        <InfoOutlinedIcon sx={{ fontSize: 14 }} color="action" />
      </Typography>
    </Tooltip>
  );
}

/** An export button that shows the bytes received while the server streams the file. */
export function ExportButton({ path }: { path: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [bytes, setBytes] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const kb = (n: number) => (n / 1024).toFixed(0);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', '@media print': { display: 'none' } }}>
      <Button
        variant="outlined"
        size="small"
        startIcon={<DownloadIcon />}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setBytes(0);
          try {
            setBytes(await download(path, setBytes));
          } catch (e) {
            notify((e as Error).message, { type: 'error' });
            setBytes(null);
          } finally {
            setBusy(false);
          }
        }}
      >
        {translate('statistics.export')}
      </Button>
      {bytes != null && (
        <Typography variant="caption" color="text.secondary" data-testid="export-progress">
          {translate(busy ? 'statistics.exporting' : 'statistics.exported', { kb: kb(bytes) })}
        </Typography>
      )}
    </Stack>
  );
}
