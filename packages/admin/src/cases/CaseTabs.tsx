import { useState, type ReactNode } from 'react';
import { Box, Card, Chip, Divider, Grid, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useGetManyReference, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { OrgName, UserName, useFormat } from '../common/fields';
import type { AgreementRec, CaseRec, ConfirmationRec, FollowUpRec, OpinionRec, PerformanceRec, SessionRec, SupervisionRec, TransferRec } from '../records';

function useChildren<T extends RaRecord>(resource: string, caseId: unknown, sortField = 'id') {
  return useGetManyReference<T>(
    resource,
    { target: 'caseId', id: caseId as number, pagination: { page: 1, perPage: 200 }, sort: { field: sortField, order: 'ASC' } },
    { enabled: caseId != null },
  );
}

function Empty() {
  const translate = useTranslate();
  return <Typography color="text.secondary">{translate('app.case.empty_tab')}</Typography>;
}

/** Label: value pairs, wrapping on a phone. */
export function Facts({ items }: { items: Array<[string, ReactNode]> }) {
  const translate = useTranslate();
  return (
    <Grid container spacing={1.5}>
      {items.map(([label, value]) => (
        <Grid key={label} size={{ xs: 6, lg: 4 }}>
          <Typography variant="caption" color="text.secondary" component="div">
            {translate(label)}
          </Typography>
          <Box sx={{ wordBreak: 'break-word' }}>{value === null || value === undefined || value === '' ? '—' : value}</Box>
        </Grid>
      ))}
    </Grid>
  );
}

function Paragraph({ label, text }: { label: string; text?: string | null }) {
  const translate = useTranslate();
  if (!text) return null;
  return (
    <Box sx={{ mb: 1.5 }}>
      <Typography variant="caption" color="text.secondary">
        {translate(label)}
      </Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Typography>
    </Box>
  );
}

function Sessions({ caseId }: { caseId: unknown }) {
  const fmt = useFormat();
  const { data } = useChildren<SessionRec>('mediation-sessions', caseId, 'heldAt');
  if (!data?.length) return <Empty />;
  return (
    <Stack spacing={2} divider={<Divider />}>
      {data.map((s) => (
        <Box key={s.id} data-testid="session">
          <Typography variant="subtitle2">
            {fmt.dateTime(s.heldAt)} · {s.place}
          </Typography>
          <Paragraph label="resources.mediation-sessions.fields.participants" text={s.participants} />
          <Paragraph label="resources.mediation-sessions.fields.minutes" text={s.minutes} />
          <Paragraph label="resources.mediation-sessions.fields.outcome" text={s.outcome} />
        </Box>
      ))}
    </Stack>
  );
}

function AgreementTab({ record }: { record: CaseRec }) {
  const translate = useTranslate();
  const fmt = useFormat();
  const { data } = useChildren<AgreementRec>('agreements', record.id);
  const performance = useChildren<PerformanceRec>('performance-records', record.id, 'recordedAt').data;
  return (
    <Stack spacing={2}>
      {!data?.length && <Typography color="text.secondary">{translate('app.case.no_agreement')}</Typography>}
      {data?.map((a) => (
        <Box key={a.id} data-testid="agreement">
          <Facts
            items={[
              ['resources.agreements.fields.kind', translate(`enums.agreementKind.${a.kind}`)],
              ['resources.agreements.fields.agreementNumber', a.agreementNumber],
              ['resources.agreements.fields.committeeName', a.committeeName],
              ['resources.agreements.fields.signatures', a.signatures?.map((s) => `${s.name}（${translate(`enums.signatoryRole.${s.role}`)}，${s.signedOn}）`).join('；')],
              ['resources.agreements.fields.performancePlace', a.performancePlace],
              ['resources.agreements.fields.amountFen', fmt.yuan(a.amountFen)],
              ['resources.agreements.fields.performanceMethod', a.performanceMethod],
              ['resources.agreements.fields.performanceDeadline', fmt.date(a.performanceDeadline)],
              ['resources.agreements.fields.signedOn', fmt.date(a.signedOn)],
              ['resources.agreements.fields.effectiveOn', fmt.date(a.effectiveOn)],
            ]}
          />
          <Box sx={{ mt: 2 }}>
            <Paragraph label="resources.agreements.fields.facts" text={a.facts} />
            <Paragraph label="resources.agreements.fields.disputes" text={a.disputes} />
            <Paragraph label="resources.agreements.fields.responsibilities" text={a.responsibilities} />
            <Paragraph label="resources.agreements.fields.terms" text={a.terms} />
          </Box>
        </Box>
      ))}
      <Divider />
      <Box>
        <Typography variant="subtitle2" sx={{ mb: 1 }}>
          {translate('app.case.performance')}：{record.performance ? translate(`enums.performance.${record.performance}`) : '—'}
        </Typography>
        {performance?.map((p) => (
          <Typography key={p.id} variant="body2" data-testid="performance">
            {fmt.date(p.recordedAt)} · {translate(`enums.performance.${p.state}`, { _: p.state })}
            {p.amountPaidFen != null && ` · ${fmt.yuan(p.amountPaidFen)}`}
            {p.note && ` · ${p.note}`} · <UserName id={p.recordedById} />
          </Typography>
        ))}
      </Box>
    </Stack>
  );
}

function Confirmations({ record }: { record: CaseRec }) {
  const translate = useTranslate();
  const fmt = useFormat();
  const { data } = useChildren<ConfirmationRec>('judicial-confirmations', record.id);
  return (
    <Stack spacing={2} divider={<Divider />}>
      {record.confirmationDeadlineAt && (
        <Typography variant="body2">
          {translate('app.deadline.confirmation_deadline')}：{fmt.date(record.confirmationDeadlineAt)}
        </Typography>
      )}
      {!data?.length && <Empty />}
      {data?.map((j) => (
        <Facts
          key={j.id}
          items={[
            ['resources.judicial-confirmations.fields.court', j.court],
            ['resources.judicial-confirmations.fields.appliedOn', fmt.date(j.appliedOn)],
            ['resources.judicial-confirmations.fields.state', translate(`enums.confirmation.${j.state}`)],
            ['resources.judicial-confirmations.fields.decidedOn', j.decidedOn ? fmt.date(j.decidedOn) : null],
            ['resources.judicial-confirmations.fields.rulingNumber', j.rulingNumber],
            ['resources.judicial-confirmations.fields.note', j.note],
          ]}
        />
      ))}
    </Stack>
  );
}

function FollowUps({ caseId }: { caseId: unknown }) {
  const translate = useTranslate();
  const fmt = useFormat();
  const { data } = useChildren<FollowUpRec>('follow-ups', caseId, 'at');
  if (!data?.length) return <Empty />;
  return (
    <Stack spacing={1.5} divider={<Divider />}>
      {data.map((f) => (
        <Box key={f.id} data-testid="follow-up">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="subtitle2">{fmt.dateTime(f.at)}</Typography>
            <Chip size="small" label={translate(`enums.followUpMethod.${f.method}`)} />
            <Chip size="small" color={f.satisfaction === 'dissatisfied' ? 'error' : 'success'} label={translate(`enums.satisfaction.${f.satisfaction}`)} />
            <Typography variant="body2">
              <UserName id={f.byId} />
            </Typography>
          </Stack>
          {f.note && <Typography variant="body2">{f.note}</Typography>}
        </Box>
      ))}
    </Stack>
  );
}

function Transfers({ caseId }: { caseId: unknown }) {
  const translate = useTranslate();
  const fmt = useFormat();
  const { data } = useChildren<TransferRec>('transfers', caseId, 'createdAt');
  if (!data?.length) return <Empty />;
  return (
    <Stack spacing={1.5} divider={<Divider />}>
      {data.map((t) => (
        <Facts
          key={t.id}
          items={[
            ['resources.transfers.fields.kind', translate(`enums.transferKind.${t.kind}`)],
            ['resources.transfers.fields.fromOrgId', <OrgName key="f" id={t.fromOrgId} />],
            ['resources.transfers.fields.toOrgId', <OrgName key="t" id={t.toOrgId} />],
            ['resources.transfers.fields.state', translate(`enums.transferState.${t.state}`)],
            ['resources.transfers.fields.createdAt', fmt.dateTime(t.createdAt)],
            ['resources.transfers.fields.acknowledgedAt', t.acknowledgedAt ? fmt.dateTime(t.acknowledgedAt) : null],
            ['resources.transfers.fields.reason', t.reason],
          ]}
        />
      ))}
    </Stack>
  );
}

function Supervisions({ caseId }: { caseId: unknown }) {
  const translate = useTranslate();
  const fmt = useFormat();
  const { data } = useChildren<SupervisionRec>('supervisions', caseId, 'openedAt');
  if (!data?.length) return <Empty />;
  return (
    <Stack spacing={1.5} divider={<Divider />}>
      {data.map((s) => (
        <Box key={s.id}>
          <Facts
            items={[
              ['resources.supervisions.fields.state', <Chip key="s" size="small" color={s.state === 'open' ? 'secondary' : 'default'} label={translate(`enums.supervisionState.${s.state}`)} />],
              ['resources.supervisions.fields.openedAt', fmt.dateTime(s.openedAt)],
              ['resources.supervisions.fields.deadlineAt', fmt.date(s.deadlineAt)],
              ['resources.supervisions.fields.openedById', <UserName key="u" id={s.openedById} />],
              ['resources.supervisions.fields.closedAt', s.closedAt ? fmt.dateTime(s.closedAt) : null],
            ]}
          />
          <Box sx={{ mt: 1 }}>
            <Paragraph label="resources.supervisions.fields.instructions" text={s.instructions} />
            <Paragraph label="resources.supervisions.fields.conclusion" text={s.conclusion} />
          </Box>
        </Box>
      ))}
    </Stack>
  );
}

function Opinions({ caseId }: { caseId: unknown }) {
  const fmt = useFormat();
  const { data } = useChildren<OpinionRec>('legal-opinions', caseId, 'createdAt');
  if (!data?.length) return <Empty />;
  return (
    <Stack spacing={1.5} divider={<Divider />}>
      {data.map((o) => (
        <Box key={o.id}>
          <Typography variant="subtitle2">{o.title}</Typography>
          <Typography variant="caption" color="text.secondary">
            {fmt.dateTime(o.createdAt)} <UserName id={o.adviserId} />
          </Typography>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {o.content}
          </Typography>
        </Box>
      ))}
    </Stack>
  );
}

const TABS = ['sessions', 'agreement', 'confirmation', 'follow_ups', 'transfers', 'supervision', 'opinions'] as const;

/** The case's records by kind: sessions, agreement and performance, confirmation, follow-ups … */
export function CaseTabs() {
  const record = useRecordContext<CaseRec>();
  const translate = useTranslate();
  const [tab, setTab] = useState<(typeof TABS)[number]>('sessions');
  if (!record) return null;
  return (
    <Card variant="outlined">
      <Tabs value={tab} onChange={(_, v) => setTab(v)} variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile sx={{ borderBottom: 1, borderColor: 'divider' }}>
        {TABS.map((t) => (
          <Tab key={t} value={t} label={translate(`app.case.tabs.${t}`)} data-tab={t} />
        ))}
      </Tabs>
      <Box sx={{ p: 2 }} data-testid={`tab-${tab}`}>
        {tab === 'sessions' && <Sessions caseId={record.id} />}
        {tab === 'agreement' && <AgreementTab record={record} />}
        {tab === 'confirmation' && <Confirmations record={record} />}
        {tab === 'follow_ups' && <FollowUps caseId={record.id} />}
        {tab === 'transfers' && <Transfers caseId={record.id} />}
        {tab === 'supervision' && <Supervisions caseId={record.id} />}
        {tab === 'opinions' && <Opinions caseId={record.id} />}
      </Box>
    </Card>
  );
}
