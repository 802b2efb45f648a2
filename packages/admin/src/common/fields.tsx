import { Chip, Tooltip, type ChipProps } from '@mui/material';
import GavelIcon from '@mui/icons-material/Gavel';
import type React from 'react';
import { LinkBase, SaveButton, Toolbar, useCreatePath, useGetManyAggregate, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { date, dateTime, yuan } from '../format';

/** The value at a dotted source (`agreement.terms`) of a record. */
const get = (record: unknown, source: string): unknown => source.split('.').reduce<unknown>((v, k) => (v == null ? v : (v as Record<string, unknown>)[k]), record);

export const LIGHT_COLORS: Record<string, { bg: string; fg: string }> = {
  green: { bg: '#2e7d32', fg: '#fff' },
  yellow: { bg: '#f9a825', fg: '#1a1a1a' },
  red: { bg: '#c62828', fg: '#fff' },
};

/** The light as a coloured chip: 绿灯 / 黄灯 / 红灯, or a grey 未计时 when no clock runs. */
export function LightChip({ light, size = 'small' }: { light?: string | null; size?: ChipProps['size'] }) {
  const translate = useTranslate();
  if (!light) return <Chip size={size} variant="outlined" label={translate('app.light.none')} sx={{ color: 'text.secondary' }} />;
  const c = LIGHT_COLORS[light] ?? { bg: '#9e9e9e', fg: '#fff' };
  return (
    <Chip
      size={size}
      data-light={light}
      label={translate(`app.light.${light}`)}
      sx={{ bgcolor: c.bg, color: c.fg, fontWeight: 600, '&::before': { content: '""', width: 8, height: 8, borderRadius: '50%', bgcolor: c.fg, ml: 1, opacity: 0.8 } }}
    />
  );
}

export function LightField({ source = 'light' }: { source?: string; label?: string }) {
  const record = useRecordContext();
  return record ? <LightChip light={get(record, source) as string | null} /> : null;
}

const RISK_COLORS: Record<string, ChipProps['color']> = { low: 'default', medium: 'info', high: 'warning', critical: 'error' };

export function RiskChip({ risk }: { risk?: string | null }) {
  const translate = useTranslate();
  if (!risk) return null;
  return <Chip size="small" color={RISK_COLORS[risk] ?? 'default'} variant={risk === 'low' ? 'outlined' : 'filled'} label={translate(`enums.risk.${risk}`)} />;
}

export function RiskField({ source = 'risk' }: { source?: string; label?: string }) {
  const record = useRecordContext();
  return record ? <RiskChip risk={get(record, source) as string | null} /> : null;
}

const STATUS_COLORS: Record<string, ChipProps['color']> = {
  registered: 'default',
  accepted: 'info',
  assigned: 'info',
  mediating: 'primary',
  suspended: 'warning',
  settled: 'success',
  failed: 'error',
  closed: 'success',
  archived: 'default',
  rejected: 'default',
  withdrawn: 'default',
};

export function StatusChip({ status }: { status?: string | null }) {
  const translate = useTranslate();
  if (!status) return null;
  return <Chip size="small" color={STATUS_COLORS[status] ?? 'default'} variant={status === 'closed' || status === 'archived' ? 'outlined' : 'filled'} label={translate(`enums.status.${status}`)} />;
}

export function StatusField({ source = 'status' }: { source?: string; label?: string }) {
  const record = useRecordContext();
  return record ? <StatusChip status={get(record, source) as string | null} /> : null;
}

export function SupervisedBadge() {
  const translate = useTranslate();
  return (
    <Tooltip title={translate('app.case.supervised')}>
      <Chip size="small" color="secondary" icon={<GavelIcon />} label={translate('app.case.supervised')} />
    </Tooltip>
  );
}

/** A translated enum value (`enums.<group>.<value>`), plain text. */
export function EnumField({ source, group }: { source: string; group: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const v = record ? get(record, source) : null;
  if (v == null || v === '') return <span>—</span>;
  if (Array.isArray(v)) return <span>{v.map((x) => translate(`enums.${group}.${x}`, { _: x })).join('、')}</span>;
  return <span>{translate(`enums.${group}.${v}`, { _: String(v) })}</span>;
}

/** Money held in fen, shown in yuan: ¥12,345.00 */
export function MoneyField({ source }: { source: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const v = record ? get(record, source) : null;
  return <span style={{ whiteSpace: 'nowrap' }}>{v == null ? '—' : yuan(Number(v), locale)}</span>;
}

/** 2026年11月22日 (with the time when `showTime`). */
export function CnDateField({ source, showTime }: { source: string; showTime?: boolean; label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const v = record ? get(record, source) : null;
  if (!v) return <span>—</span>;
  return <span style={{ whiteSpace: 'nowrap' }}>{showTime ? dateTime(v, locale) : date(v, locale)}</span>;
}

export function useFormat() {
  const [locale] = useLocaleState();
  return {
    locale,
    yuan: (fen: number | null | undefined) => (fen == null ? '—' : yuan(fen, locale)),
    date: (v: unknown) => date(v, locale) || '—',
    dateTime: (v: unknown) => dateTime(v, locale) || '—',
  };
}

/** An organization's name from its id (requests are batched into one getMany). */
export function OrgName({ id }: { id: number | null | undefined }) {
  const { data } = useGetManyAggregate('organizations', { ids: id != null ? [id] : [] }, { enabled: id != null });
  if (id == null) return <span>—</span>;
  return <span>{data?.[0]?.name ?? `#${id}`}</span>;
}

/** A user's display name from their id (batched). */
export function UserName({ id }: { id: number | null | undefined }) {
  const { data } = useGetManyAggregate('users', { ids: id != null ? [id] : [] }, { enabled: id != null, retry: false });
  if (id == null) return <span>—</span>;
  return <span>{data?.[0]?.displayName ?? `#${id}`}</span>;
}

/** A case's number, linked to its page (batched). */
export function CaseNumberLink({ id }: { id: number | null | undefined }) {
  const { data } = useGetManyAggregate('cases', { ids: id != null ? [id] : [] }, { enabled: id != null });
  const createPath = useCreatePath();
  if (id == null) return <span>—</span>;
  return (
    <LinkBase to={createPath({ resource: 'cases', type: 'show', id })} onClick={(e: React.MouseEvent) => e.stopPropagation()} style={{ color: 'inherit' }}>
      {data?.[0]?.caseNumber ?? `#${id}`}
    </LinkBase>
  );
}

/** Save only: records that are deactivated, never deleted (users, organizations). */
export const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);
