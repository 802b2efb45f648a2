import { useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, Card, CardActionArea, CardContent, CardHeader, Chip, Grid, List as MuiList, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import PostAddIcon from '@mui/icons-material/PostAdd';
import { Title, useCreatePath, useGetList, useTranslate } from 'react-admin';
import { LinkBase as Link } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LIGHT_COLORS, LightChip, RiskChip, useFormat } from '../common/fields';
import { useMe } from '../common/useMe';
import { useTiaojie } from '../common/useTiaojie';
import type { DashboardStats } from '../dataProvider';
import { CHANNELS } from '@tiaojie/core/domain';
import type { CaseRec } from '../records';

const CHANNEL_COLORS: Record<string, string> = {
  court: '#1e4d8c',
  procuratorate: '#5c6bc0',
  police: '#00838f',
  government: '#2e7d32',
  petition: '#b23c17',
  walk_in: '#f9a825',
  hotline: '#8e24aa',
  grid: '#6d4c41',
};
const casesWhere = (filter: Record<string, unknown>) => `/cases?filter=${encodeURIComponent(JSON.stringify(filter))}`;
const LIGHT_RANK: Record<string, number> = { red: 0, yellow: 1, green: 2 };

function Stat({ label, value, color, to, testId }: { label: string; value: number | undefined; color: string; to: string; testId: string }) {
  const translate = useTranslate();
  return (
    <Card sx={{ borderTop: 4, borderColor: color, height: '100%' }}>
      <CardActionArea component={Link} to={to} sx={{ height: '100%' }}>
        <CardContent>
          <Typography variant="body2" color="text.secondary">
            {translate(label)}
          </Typography>
          <Typography variant="h4" sx={{ fontWeight: 700, color }} data-testid={testId}>
            {value ?? '—'}
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

function CaseLines({ rows, empty }: { rows: CaseRec[] | undefined; empty: string }) {
  const createPath = useCreatePath();
  const translate = useTranslate();
  const fmt = useFormat();
  if (!rows?.length) return <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>{translate(empty)}</Typography>;
  return (
    <MuiList dense disablePadding>
      {rows.map((c) => (
        <ListItemButton key={c.id} component={Link} to={createPath({ resource: 'cases', type: 'show', id: c.id })}>
          <ListItemText
            primary={c.title}
            secondary={`${c.caseNumber} · ${translate(`enums.status.${c.status}`)}${c.deadlineAt ? ` · ${translate('app.deadline.due')} ${fmt.date(c.deadlineAt)}` : ''}`}
            slotProps={{ primary: { noWrap: true }, secondary: { noWrap: true } }}
          />
          <Stack direction="row" spacing={0.5} sx={{ ml: 1, flexShrink: 0 }}>
            {c.risk && c.risk !== 'low' && <RiskChip risk={c.risk} />}
            <LightChip light={c.light} />
          </Stack>
        </ListItemButton>
      ))}
    </MuiList>
  );
}

function ChannelChart({ data }: { data: DashboardStats['newByChannel'] }) {
  const translate = useTranslate();
  const fmt = useFormat();
  const rows = useMemo(() => {
    const weeks = new Map<string, Record<string, number | string>>();
    for (const { week, channel, count } of data ?? []) {
      const row = weeks.get(week) ?? { week };
      row[channel] = ((row[channel] as number) ?? 0) + count;
      weeks.set(week, row);
    }
    return [...weeks.values()].sort((a, b) => String(a.week).localeCompare(String(b.week)));
  }, [data]);
  const used = CHANNELS.filter((c) => rows.some((r) => r[c]));
  return (
    <Box sx={{ width: '100%', height: 280 }} data-testid="channel-chart">
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" tickFormatter={(w) => fmt.date(w).replace(/^\d{4}年/, '')} fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip labelFormatter={(w) => translate('app.dashboard.week_of', { week: fmt.date(w) })} formatter={(v, name) => [v as number, translate(`enums.channel.${name}`)]} />
          <Legend formatter={(name) => translate(`enums.channel.${name}`)} />
          {used.map((c) => (
            <Bar key={c} dataKey={c} stackId="a" fill={CHANNEL_COLORS[c]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}

/** What became of a report: still being handled, resolved, or not taken up. */
const OUTCOME: Record<string, 'open' | 'resolved' | 'declined'> = { settled: 'resolved', closed: 'resolved', archived: 'resolved', rejected: 'declined', withdrawn: 'declined' };
const outcomeOf = (status: string) => OUTCOME[status] ?? 'open';

/**
 * A grid worker sees only what they reported: how many, what became of them, and the reports
 * themselves, newest first, each with its status (not the county's cards, which are not theirs).
 */
function MyReports({ rows }: { rows: CaseRec[] | undefined }) {
  const translate = useTranslate();
  const counts = (rows ?? []).reduce<Record<string, number>>((acc, c) => ({ ...acc, [outcomeOf(c.status)]: (acc[outcomeOf(c.status)] ?? 0) + 1 }), {});
  const tiles: Array<[string, number | undefined, string, Record<string, unknown>]> = [
    ['app.dashboard.reports_total', rows?.length, '#1e4d8c', {}],
    ['app.dashboard.reports_open', counts.open ?? 0, '#f9a825', { open: true }],
    ['app.dashboard.reports_resolved', counts.resolved ?? 0, '#2e7d32', { status: ['settled', 'closed', 'archived'] }],
    ['app.dashboard.reports_declined', counts.declined ?? 0, '#757575', { status: ['rejected', 'withdrawn'] }],
  ];
  return (
    <Grid container spacing={2} sx={{ mb: 2 }} data-testid="my-reports">
      {tiles.map(([label, value, color, filter]) => (
        <Grid key={label} size={{ xs: 6, md: 3 }}>
          <Stat label={label} value={value} color={color} to={casesWhere(filter)} testId={label.replace('app.dashboard.', 'stat-')} />
        </Grid>
      ))}
      <Grid size={12}>
        <Card data-testid="my-report-list">
          <CardHeader title={translate('app.dashboard.my_reports')} subheader={translate('app.dashboard.my_reports_hint')} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 }, subheader: { variant: 'caption' } }} />
          <CaseLines rows={rows?.slice(0, 10)} empty="app.dashboard.no_reports" />
        </Card>
      </Grid>
    </Grid>
  );
}

/**
 * The day's view: my queue by light, red and yellow counts in my scope, open supervision
 * orders, high-risk alerts, and new cases per channel over the last weeks.
 */
export function Dashboard() {
  const translate = useTranslate();
  const dp = useTiaojie();
  const me = useMe();
  const createPath = useCreatePath();
  const [stats, setStats] = useState<DashboardStats | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    dp.dashboard()
      .then(setStats)
      .catch((e) => setFailed(e?.message ?? 'error'));
  }, [dp]);

  // My queue: what is assigned to me first, then what my organization handles (the API's figure counts both).
  // A leader's first list is the red lights of their scope instead.
  const gridOnly = me.is('grid') && !me.is('admin', 'clerk', 'mediator');
  const leaderOnly = me.is('leader') && !me.is('admin', 'clerk', 'mediator');
  // A legal adviser or a channel liaison without a desk role acts on their own cases only: the
  // cases an adviser joined, the cases a liaison's body sent; the county's lights, supervision
  // and channel figures are not theirs to act on.
  const outsider = !gridOnly && !me.is('admin', 'clerk', 'mediator', 'leader');
  const adviserOnly = outsider && me.is('adviser');
  const page = { pagination: { page: 1, perPage: 100 }, sort: { field: 'deadlineAt', order: 'ASC' as const } };
  const assigned = useGetList<CaseRec>('cases', { ...page, filter: { mediatorId: me.id, open: true } }, { enabled: me.ready && me.is('mediator') });
  const oursFilter = gridOnly
    ? { reporterId: me.id }
    : leaderOnly
      ? { light: ['red'], open: true }
      : outsider
        ? adviserOnly
          ? { adviserId: me.id, open: true }
          : { open: true }
        : { organizationId: me.identity?.organizationId, open: true };
  const ours = useGetList<CaseRec>('cases', { ...page, ...(gridOnly ? { sort: { field: 'registeredAt', order: 'DESC' as const } } : {}), filter: oursFilter }, { enabled: me.ready });
  // organizationId takes the whole subtree; the queue is my own organization's cases.
  const own = (ours.data ?? []).filter((c) => gridOnly || leaderOnly || outsider || c.handlingOrgId === me.identity?.organizationId);
  const queue = { data: [...(assigned.data ?? []), ...own.filter((c) => !(assigned.data ?? []).some((a) => a.id === c.id))] };
  const alerts = useGetList<CaseRec>('cases', { filter: { risk: ['high', 'critical'], open: true }, pagination: { page: 1, perPage: 6 }, sort: { field: 'registeredAt', order: 'DESC' } }, { enabled: me.ready && !me.is('grid') && !outsider });
  const queueRows = useMemo(
    () =>
      [...queue.data]
        .sort((a, b) => (LIGHT_RANK[a.light ?? ''] ?? 3) - (LIGHT_RANK[b.light ?? ''] ?? 3) || String(a.deadlineAt ?? '9').localeCompare(String(b.deadlineAt ?? '9')))
        .slice(0, 8),
    [queue.data],
  );
  const countedHere = queue.data.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.light ?? 'none']: (acc[c.light ?? 'none'] ?? 0) + 1 }), {});
  const byLight: Record<string, number> =
    stats?.myQueueByLight ?? (stats && typeof stats.myQueue === 'object' ? (stats.myQueue as Record<string, number>) : countedHere);
  const canRegister = me.is('admin', 'clerk', 'mediator', 'grid', 'adviser', 'liaison');

  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('ra.page.dashboard')} />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 2, flexWrap: 'wrap', gap: 1 }}>
        <Box>
          <Typography variant="h5" sx={{ fontWeight: 600 }}>
            {translate('app.dashboard.welcome', { name: me.identity?.displayName ?? '' })}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('app.dashboard.scope', {
              org: me.identity?.organizationName ?? '',
              roles: ((me.identity?.roles as string[]) ?? []).map((r) => translate(`enums.role.${r}`)).join('、'),
            })}
          </Typography>
        </Box>
        {canRegister && (
          <Button component={Link} to={createPath({ resource: 'cases', type: 'create' })} variant="contained" startIcon={<PostAddIcon />}>
            {translate(gridOnly ? 'app.menu.report' : 'app.dashboard.register')}
          </Button>
        )}
      </Stack>
      {failed && !me.is('grid') && !outsider && <Alert severity="warning" sx={{ mb: 2 }}>{failed}</Alert>}
      {gridOnly && <MyReports rows={ours.data} />}
      {stats && !gridOnly && !outsider && (
        <Grid container spacing={2} sx={{ mb: 2 }}>
          <Grid size={{ xs: 6, md: 3 }}>
            <Stat label="app.dashboard.red" value={stats.red} color={LIGHT_COLORS.red.bg} to={casesWhere({ light: ['red'] })} testId="stat-red" />
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Stat label="app.dashboard.yellow" value={stats.yellow} color={LIGHT_COLORS.yellow.bg} to={casesWhere({ light: ['yellow'] })} testId="stat-yellow" />
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Stat label="app.dashboard.supervisions" value={stats.openSupervisions} color="#b23c17" to={casesWhere({ supervised: true })} testId="stat-supervisions" />
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Stat label="app.dashboard.high_risk" value={stats.highRisk} color="#6a1b9a" to={casesWhere({ risk: ['high', 'critical'] })} testId="stat-risk" />
          </Grid>
        </Grid>
      )}
      <Grid container spacing={2}>
        {!gridOnly && <Grid size={{ xs: 12, md: 6 }}>
          <Card sx={{ height: '100%' }} data-testid="my-queue">
            <CardHeader
              title={translate(leaderOnly ? 'app.dashboard.red' : adviserOnly ? 'app.dashboard.joined' : outsider ? 'app.dashboard.sent' : 'app.dashboard.my_queue')}
              subheader={leaderOnly ? undefined : translate(adviserOnly ? 'app.dashboard.joined_hint' : outsider ? 'app.dashboard.sent_hint' : 'app.dashboard.my_queue_hint')}
              slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 }, subheader: { variant: 'caption' } }}
              action={
                !leaderOnly && !outsider && <Stack direction="row" spacing={0.5} sx={{ mt: 1 }}>
                  {(['red', 'yellow', 'green'] as const).map((l) => (
                    <Chip key={l} size="small" label={`${translate(`app.light.${l}`)} ${byLight[l] ?? 0}`} sx={{ bgcolor: LIGHT_COLORS[l].bg, color: LIGHT_COLORS[l].fg }} />
                  ))}
                </Stack>
              }
            />
            <CaseLines rows={queueRows} empty="app.dashboard.empty_queue" />
          </Card>
        </Grid>}
        {(!me.is('grid') || me.is('admin', 'clerk')) && !outsider ? (
          <Grid size={{ xs: 12, md: 6 }}>
            <Card sx={{ height: '100%' }}>
              <CardHeader title={translate('app.dashboard.risk_alerts')} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} />
              <CaseLines rows={alerts.data} empty="app.dashboard.no_alerts" />
            </Card>
          </Grid>
        ) : null}
        {stats?.newByChannel && !gridOnly && !outsider && (
          <Grid size={12}>
            <Card>
              <CardHeader title={translate('app.dashboard.new_by_channel')} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} />
              <CardContent>
                <ChannelChart data={stats.newByChannel} />
              </CardContent>
            </Card>
          </Grid>
        )}
      </Grid>
    </Box>
  );
}

export default Dashboard;
