import { Box, Chip, Typography } from '@mui/material';
import { useGetManyReference, useRecordContext, useTranslate } from 'react-admin';
import { useFormat } from '../common/fields';
import type { CaseEventRec } from '../records';

const SHOWN_PAYLOAD = ['reason', 'note', 'summary', 'instructions', 'conclusion', 'title', 'outcome', 'court', 'rulingNumber', 'measures', 'policeStation', 'reportedOn'];
const ENUM_PAYLOAD: Record<string, string> = {
  triage: 'triage',
  risk: 'risk',
  satisfaction: 'satisfaction',
  method: 'followUpMethod',
  state: 'performance',
  result: 'confirmationResult',
  route: 'referRoute',
};

/** The case's history as a timeline, oldest first: who did what, when, and what changed. */
export function CaseTimeline() {
  const record = useRecordContext();
  const translate = useTranslate();
  const fmt = useFormat();
  const { data, isPending } = useGetManyReference<CaseEventRec>(
    'case-events',
    { target: 'caseId', id: record?.id, pagination: { page: 1, perPage: 500 }, sort: { field: 'seq', order: 'ASC' } },
    { enabled: record?.id != null },
  );
  // A channel system's intake is recorded as `渠道:<channel>`.
  const actor = (name: string) => {
    const m = /^渠道:(\w+)$/.exec(name ?? '');
    return m ? `${translate('actions.intake')}（${translate(`enums.channel.${m[1]}`, { _: m[1] })}）` : name;
  };
  if (!record || isPending) return null;
  if (!data?.length) return <Typography color="text.secondary">{translate('app.case.no_events')}</Typography>;
  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="timeline">
      {data.map((e, i) => {
        const last = i === data.length - 1;
        const statusChanged = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus;
        // A registration carries a risk of turning criminal (第25条) as its own object: shown like the later report.
        const payload = { ...(e.payload ?? {}), ...(e.payload?.criminalRisk && typeof e.payload.criminalRisk === 'object' ? (e.payload.criminalRisk as Record<string, unknown>) : {}) };
        const notes = [
          ...Object.entries(ENUM_PAYLOAD)
            .filter(([k]) => typeof payload[k] === 'string')
            .map(([k, g]) => `${translate(`action_fields.${k}`)}：${translate(`enums.${g}.${payload[k]}`, { _: payload[k] })}`),
          ...SHOWN_PAYLOAD.filter((k) => typeof payload[k] === 'string' && payload[k]).map((k) => `${translate(`action_fields.${k}`)}：${payload[k]}`),
        ];
        return (
          <Box component="li" key={e.id ?? e.seq} data-event={e.action} sx={{ display: 'flex', gap: 1.5 }}>
            <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', pt: 0.5 }}>
              <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: statusChanged ? 'primary.main' : 'grey.400', flexShrink: 0 }} />
              {!last && <Box sx={{ width: 2, flex: 1, bgcolor: 'grey.300', my: 0.5 }} />}
            </Box>
            <Box sx={{ pb: last ? 0 : 2, minWidth: 0, flex: 1 }}>
              <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
                <Typography variant="subtitle2" component="span">
                  {translate(`actions.${e.action}`, { _: e.action })}
                </Typography>
                {statusChanged && (
                  <Chip size="small" variant="outlined" label={translate('app.case.status_change', { from: translate(`enums.status.${e.fromStatus}`), to: translate(`enums.status.${e.toStatus}`) })} />
                )}
              </Box>
              <Typography variant="caption" color="text.secondary" component="div">
                {fmt.dateTime(e.at)} · {actor(e.actorName)}
              </Typography>
              {notes.map((n) => (
                <Typography key={n} variant="body2" sx={{ wordBreak: 'break-word' }}>
                  {n}
                </Typography>
              ))}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
