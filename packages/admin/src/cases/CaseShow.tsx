import { useState } from 'react';
import { useCategoryName } from '../common/CategoryInput';
import { Alert, Box, Button, Card, CardContent, CardHeader, Chip, Divider, Grid, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography, useMediaQuery, type Theme } from '@mui/material';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Show, useGetManyReference, useNotify, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { hasRole } from '../authProvider';
import { useTiaojie } from '../common/useTiaojie';
import { LightChip, RiskChip, StatusChip, SupervisedBadge, useFormat } from '../common/fields';
import { daysLeft } from '../format';
import { CaseActions } from './CaseActions';
import { CaseAttachments } from './CaseAttachments';
import { CaseDocuments } from './CaseDocuments';
import { CaseMessages } from './CaseMessages';
import { CaseTabs, Facts } from './CaseTabs';
import { CaseTimeline } from './CaseTimeline';
import type { PartyRec } from '../records';

const CaseTitle = () => {
  const record = useRecordContext();
  return <span>{record?.caseNumber ?? ''}</span>;
};

function Header() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent sx={{ pb: '16px !important' }}>
        <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center', mb: 0.5 }}>
          <Typography variant="body2" color="text.secondary" data-testid="case-number">
            {record.caseNumber}
          </Typography>
          <StatusChip status={record.status} />
          <LightChip light={record.light} />
          <RiskChip risk={record.risk} />
          {record.criminalRisk && <Chip size="small" color="error" icon={<WarningAmberIcon />} label={translate('app.case.criminal_risk')} data-testid="criminal-risk" />}
          <Chip size="small" variant="outlined" label={translate(`enums.channel.${record.channel}`)} />
          {record.triage && <Chip size="small" variant="outlined" label={translate(`enums.triage.${record.triage}`)} />}
          {record.supervised && <SupervisedBadge />}
          {record.flagged && <Chip size="small" color="error" icon={<WarningAmberIcon />} label={translate('app.case.flagged')} />}
          {record.pendingTransfer && <Chip size="small" color="warning" label={translate('app.case.pending_transfer')} />}
        </Stack>
        <Typography variant="h6" component="h1" sx={{ mb: 1.5, wordBreak: 'break-word' }}>
          {record.title}
        </Typography>
        <CaseActions />
      </CardContent>
    </Card>
  );
}

/** An outlined card with a section title, as the case page's panels use. */
function SectionCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card variant="outlined">
      <CardHeader title={title} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} sx={{ pb: 0 }} />
      {children}
    </Card>
  );
}

function FactsCard() {
  const record = useRecordContext();
  const translate = useTranslate();
  const categoryName = useCategoryName();
  const fmt = useFormat();
  if (!record) return null;
  const f = (k: string) => `resources.cases.fields.${k}`;
  return (
    <SectionCard title={translate('app.case.facts')}>
      <CardContent>
        <Facts
          items={[
            [f('category'), categoryName(record.category)],
            [f('channel'), translate(`enums.channel.${record.channel}`)],
            [f('source'), record.source ? translate(`enums.caseSource.${record.source}`) : null],
            [f('mediationType'), record.mediationType ? translate(`enums.mediationType.${record.mediationType}`) : null],
            [f('consent'), record.consent ? `${translate(`enums.consent.${record.consent}`)} ${record.consentOn ?? ''}` : null],
            [f('chosenMediator'), record.chosenMediator],
            [f('rightsNotifiedOn'), record.rightsNotifiedOn],
            [f('responsiblePerson'), record.responsiblePerson],
            [f('administrativeReply'), record.administrativeReply],
            [f('enforcementCourt'), record.enforcementCourt ? `${record.enforcementCourt} ${record.enforcementAppliedOn ?? ''}` : null],
            [f('courtDocumentNumber'), record.courtDocumentNumber],
            [f('sourceRef'), record.sourceRef],
            [f('amountFen'), record.amountFen != null ? fmt.yuan(record.amountFen) : null],
            [f('peopleCount'), record.peopleCount],
            [f('placeOrgId'), record.placeOrgName],
            [f('address'), record.address],
            [f('registeredAt'), fmt.dateTime(record.registeredAt)],
          ]}
        />
        <Divider sx={{ my: 2 }} />
        <Typography variant="caption" color="text.secondary">
          {translate(f('description'))}
        </Typography>
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
          {record.description}
        </Typography>
        {record.resultSummary && (
          <>
            <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1.5 }}>
              {translate(f('resultSummary'))}
            </Typography>
            <Typography variant="body2">{record.resultSummary}</Typography>
          </>
        )}
      </CardContent>
    </SectionCard>
  );
}

function PartiesCard() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const dp = useTiaojie();
  const { permissions } = usePermissions();
  const [revealed, setRevealed] = useState<Record<string, PartyRec> | null>(null);
  const mayReveal = hasRole(permissions, 'admin', 'clerk', 'mediator');
  const reveal = async () => {
    try {
      const rows = await dp.revealParties(record!.id);
      setRevealed(Object.fromEntries(rows.map((p) => [p.id, p])));
    } catch (e) {
      notify((e as Error)?.message ?? 'ra.notification.http_error', { type: 'warning' });
    }
  };
  const { data } = useGetManyReference<PartyRec>(
    'parties',
    { target: 'caseId', id: record?.id, pagination: { page: 1, perPage: 200 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: record?.id != null },
  );
  const f = (k: string) => translate(`resources.parties.fields.${k}`);
  // A five-column table squeezed into a phone wraps names one character a line and cuts off the
  // phone column: there each party is a block of lines instead.
  const phone = useMediaQuery((t: Theme) => t.breakpoints.down('sm'));
  const idOf = (p: PartyRec) => revealed?.[p.id]?.idNumber ?? p.idNumberMasked ?? '—';
  const phoneOf = (p: PartyRec) => revealed?.[p.id]?.phone ?? p.phoneMasked ?? '—';
  // 委托代理人 and their authority, under the party on a phone as on a desk.
  const agentsOf = (p: PartyRec) =>
    !!p.agents?.length && (
      <Typography variant="caption" color="text.secondary" component="div" data-testid="party-agents">
        {translate('action_fields.agents')}：
        {p.agents.map((g) => `${g.name}（${translate(`enums.agentAuthority.${g.authority}`)}${g.scope ? `：${g.scope}` : ''}）`).join('、')}
      </Typography>
    );
  return (
    <Card variant="outlined">
      <CardHeader
        title={translate('app.case.parties')}
        slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }}
        sx={{ pb: 0 }}
        action={
          mayReveal &&
          !revealed &&
          !!data?.length && (
            <Button size="small" startIcon={<VisibilityIcon />} onClick={reveal} data-testid="reveal-parties" title={translate('app.case.reveal_hint')}>
              {translate('app.case.reveal')}
            </Button>
          )
        }
      />
      <CardContent sx={{ overflowX: 'auto' }}>
        {!data?.length ? (
          <Typography color="text.secondary">{translate('app.case.no_parties')}</Typography>
        ) : phone ? (
          <Stack divider={<Divider flexItem />} spacing={1} data-testid="parties">
            {data.map((p) => (
              <Box key={p.id} data-testid="party">
                <Typography variant="body2">
                  <Box component="span" sx={{ color: 'text.secondary', mr: 1 }}>{translate(`enums.partyRole.${p.role}`)}</Box>
                  <Box component="span" sx={{ fontWeight: 600 }}>{p.name}</Box>
                </Typography>
                {p.kind === 'organization' && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {translate('enums.partyKind.organization')} {p.creditCode ?? ''}
                  </Typography>
                )}
                <Typography variant="body2" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
                  {f('idNumber')} {idOf(p)}
                </Typography>
                <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                  {f('phone')} {phoneOf(p)}
                </Typography>
                {p.address && <Typography variant="body2">{p.address}</Typography>}
                {agentsOf(p)}
              </Box>
            ))}
          </Stack>
        ) : (
          <Table size="small" data-testid="parties">
            <TableHead>
              <TableRow>
                <TableCell>{f('role')}</TableCell>
                <TableCell>{f('name')}</TableCell>
                <TableCell>{f('idNumber')}</TableCell>
                <TableCell>{f('phone')}</TableCell>
                <TableCell>{f('address')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((p) => (
                <TableRow key={p.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate(`enums.partyRole.${p.role}`)}</TableCell>
                  <TableCell sx={{ minWidth: '6em' }}>
                    {p.name}
                    {p.kind === 'organization' && (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {translate('enums.partyKind.organization')} {p.creditCode ?? ''}
                      </Typography>
                    )}
                    {agentsOf(p)}
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{idOf(p)}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{phoneOf(p)}</TableCell>
                  <TableCell>{p.address ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** Label and value on one line each, for the narrow column. */
function Rows({ items }: { items: Array<[string, unknown]> }) {
  const translate = useTranslate();
  return (
    <Stack spacing={1} sx={{ mt: 1 }}>
      {items
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => (
          <Box key={k} sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
            <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
              {translate(k)}
            </Typography>
            <Typography variant="body2" sx={{ textAlign: 'right' }}>
              {String(v)}
            </Typography>
          </Box>
        ))}
    </Stack>
  );
}

function DeadlineCard() {
  const record = useRecordContext();
  const translate = useTranslate();
  const fmt = useFormat();
  if (!record) return null;
  const left = daysLeft(record.deadlineAt);
  return (
    <Card variant="outlined" data-testid="deadline">
      <CardHeader
        title={translate('app.deadline.title')}
        action={<LightChip light={record.light} size="medium" />}
        slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }}
        sx={{ pb: 0 }}
      />
      <CardContent>
        {record.status === 'suspended' && <Alert severity="warning" sx={{ mb: 1 }}>{translate('app.deadline.paused')}</Alert>}
        {record.deadlineAt ? (
          <>
            <Typography variant="h6" color={left !== null && left < 0 ? 'error' : 'text.primary'}>
              {left !== null && left < 0 ? translate('app.deadline.overdue', { smart_count: -left }) : translate('app.deadline.days_left', { smart_count: left ?? 0 })}
            </Typography>
            <Rows
              items={[
                ['app.deadline.stage', record.clockStage ? translate(`enums.clockStage.${record.clockStage}`) : null],
                ['app.deadline.due', fmt.dateTime(record.deadlineAt)],
                ['app.deadline.yellow_at', record.yellowAt ? fmt.dateTime(record.yellowAt) : null],
              ]}
            />
          </>
        ) : (
          record.status !== 'suspended' && <Typography color="text.secondary">{translate('app.deadline.none')}</Typography>
        )}
        {record.extended && <Chip size="small" sx={{ mt: 1 }} label={translate('app.deadline.extended')} />}
        {record.confirmationDeadlineAt && (
          <Typography variant="body2" sx={{ mt: 1 }}>
            {translate('app.deadline.confirmation_deadline')}：{fmt.date(record.confirmationDeadlineAt)}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

function HandlingCard() {
  const record = useRecordContext();
  const translate = useTranslate();
  const fmt = useFormat();
  if (!record) return null;
  const f = (k: string) => `resources.cases.fields.${k}`;
  return (
    <SectionCard title={translate('app.case.handling')}>
      <CardContent>
        <Rows
          items={[
            [f('handlingOrgId'), record.handlingOrgName],
            [f('mediatorId'), record.mediatorName],
            [f('adviserId'), record.adviserName],
            [f('triage'), record.triage ? translate(`enums.triage.${record.triage}`) : null],
            [f('acceptedAt'), record.acceptedAt ? fmt.dateTime(record.acceptedAt) : null],
            [f('settledAt'), record.settledAt ? fmt.dateTime(record.settledAt) : null],
            [f('closedAt'), record.closedAt ? fmt.dateTime(record.closedAt) : null],
            [f('closeRoute'), record.closeRoute ? translate(`enums.closeRoute.${record.closeRoute}`) : null],
            [f('followedUp'), translate(record.followedUp ? 'ra.boolean.true' : 'ra.boolean.false')],
            [f('performance'), record.performance ? translate(`enums.performance.${record.performance}`) : null],
          ]}
        />
      </CardContent>
    </SectionCard>
  );
}

function TimelineCard() {
  const translate = useTranslate();
  return (
    <SectionCard title={translate('app.case.timeline')}>
      <CardContent>
        <CaseTimeline />
      </CardContent>
    </SectionCard>
  );
}

/** A case: facts, parties, deadline and light, the actions allowed now, its records and history. */
export function CaseShow() {
  return (
    <Show title={<CaseTitle />} actions={false} component="div" sx={{ '& .RaShow-main': { mt: 1, minWidth: 0 }, '& .RaShow-card': { minWidth: 0 }, maxWidth: '100%' }}>
      <Header />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 8 }} sx={{ minWidth: 0 }}>
          <Stack spacing={2} sx={{ minWidth: 0 }}>
            <FactsCard />
            <PartiesCard />
            <CaseTabs />
            <CaseAttachments />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }} sx={{ minWidth: 0 }}>
          <Stack spacing={2} sx={{ minWidth: 0 }}>
            <DeadlineCard />
            <HandlingCard />
            <CaseDocuments />
            <CaseMessages />
            <TimelineCard />
          </Stack>
        </Grid>
      </Grid>
    </Show>
  );
}

export default CaseShow;
