/**
 * The outbox hook: `appendEvent` calls `enqueueOutbox` with every history event it writes, inside
 * the command's transaction. From the event it writes what flows out: the outbox row and one
 * delivery per matching webhook subscription, the in-app notifications the action raises, and
 * the in-process event (after commit).
 */
import { In, type EntityManager } from 'typeorm';
import { chinaDate } from '../domain/china-time';
import { MediationCase } from '../cases/case.entity';
import { ACTIONS } from '../domain/lifecycle';
import type { CaseEvent } from '../history/case-event.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import type { Role } from '../shared/vocabulary';
import { holdUntilCommit } from './event-bus';
import { CaseOutcomeEvent, channelView, EVENT_SCHEMA_VERSION, eventTypeOf } from './events';
import { Notification, NotificationKind } from './notification.entity';
import { OutboxEvent } from './outbox-event.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

/** Whether a subscription hears about a case: the cases its organization sent, or its subtree's. */
export function subscriptionMatches(sub: Pick<WebhookSubscription, 'scope' | 'organizationId' | 'eventTypes' | 'active'>, orgPath: string, c: Pick<MediationCase, 'sourceOrgId' | 'handlingOrgPath'>, type: string): boolean {
  if (!sub.active) return false;
  if (sub.eventTypes.length && !sub.eventTypes.includes(type)) return false;
  return sub.scope === 'sent' ? c.sourceOrgId === sub.organizationId : c.handlingOrgPath.startsWith(orgPath);
}

/** An active webhook subscription with its organization's path. */
export type ActiveSubscription = { id: number; scope: 'sent' | 'subtree'; organizationId: number; eventTypes: string; orgPath: string };

/** The active webhook subscriptions. The table is small (one row per receiving system): they are matched in code, portably. */
export function activeSubscriptions(em: EntityManager): Promise<ActiveSubscription[]> {
  return em
    .getRepository(WebhookSubscription)
    .createQueryBuilder('s')
    .innerJoin(Organization, 'o', 'o.id = s.organizationId')
    .select(['s.id AS id', 's.scope AS scope', 's.organizationId AS organizationId', 's.eventTypes AS eventTypes', 'o.path AS orgPath'])
    .where('s.active = :yes', { yes: true })
    .getRawMany<ActiveSubscription>();
}

/**
 * Write what a history event sends out, in the caller's transaction. `subscriptions`: the active
 * ones, when the caller read them already (a registration reads them before its case number).
 */
export async function enqueueOutbox(em: EntityManager, event: CaseEvent, row?: MediationCase, subscriptions?: ActiveSubscription[]): Promise<void> {
  const type = eventTypeOf(event.action);
  const notifying = NOTIFYING[event.action];
  if (!type && !notifying) return;
  const c = row ?? (await em.getRepository(MediationCase).findOneByOrFail({ id: event.caseId }));
  if (notifying) await notifying(em, c, event);
  if (!type) return;
  const body: CaseOutcomeEvent = {
    id: `${c.id}-${event.seq}`,
    type,
    schemaVersion: EVENT_SCHEMA_VERSION,
    occurredAt: new Date(event.at).toISOString(),
    sequence: event.seq,
    case: channelView(c),
  };
  const { identifiers } = await em.getRepository(OutboxEvent).insert({ type, caseId: c.id, seq: event.seq, occurredAt: event.at, body: JSON.stringify(body) });
  const outboxEventId = identifiers[0].id as number;
  const subs = subscriptions ?? (await activeSubscriptions(em));
  const rows = subs
    .filter((s) => subscriptionMatches({ ...s, organizationId: Number(s.organizationId), eventTypes: JSON.parse(s.eventTypes) as string[], active: true }, s.orgPath, c, type))
    .map((s) => ({
      subscriptionId: Number(s.id),
      outboxEventId,
      caseId: c.id,
      seq: event.seq,
      eventType: type,
      state: 'pending' as const,
      attempts: 0,
      nextAttemptAt: event.at,
      leaseOwner: null,
      leaseUntil: null,
      lastStatus: null,
      lastError: null,
      deliveredAt: null,
      createdAt: event.at,
      updatedAt: event.at,
    }));
  if (rows.length) await em.getRepository(WebhookDelivery).insert(rows);
  holdUntilCommit(em, body);
}

type Notifier = (em: EntityManager, c: MediationCase, e: CaseEvent) => Promise<void>;

/** Active users of an organization with any of the roles. */
async function staffOf(em: EntityManager, orgId: number, roles: readonly Role[]): Promise<number[]> {
  const users = await em.getRepository(User).find({ where: { organizationId: orgId, active: true }, select: { id: true, roles: true } });
  return users.filter((u) => u.roles.some((r) => roles.includes(r))).map((u) => u.id);
}

/** Insert notifications (one per user); the dedup key makes raising one twice store it once. */
export async function notify(em: EntityManager, userIds: number[], n: { kind: NotificationKind; caseId: number | null; message: string; key: string; at: Date }): Promise<number> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return 0;
  const keys = unique.map((u) => `${n.key}:${u}`);
  const existing = new Set((await em.getRepository(Notification).createQueryBuilder('n').select('n.dedupKey', 'k').where('n.dedupKey IN (:...keys)', { keys }).getRawMany<{ k: string }>()).map((r) => r.k));
  const rows = unique
    .map((userId, i) => ({ userId, kind: n.kind, caseId: n.caseId, message: n.message.slice(0, 300), dedupKey: keys[i], createdAt: n.at, readAt: null }))
    .filter((r) => !existing.has(r.dedupKey));
  if (rows.length) await em.getRepository(Notification).insert(rows);
  return rows.length;
}

const DESK: readonly Role[] = ['clerk', 'admin'];
/** Who may acknowledge a hand-over (签收) in the receiving organization: the lifecycle's own answer. */
const RECEIVERS = Object.keys(ACTIONS.acknowledge.roles) as Role[];

/** Actions that tell staff something: whoever may acknowledge a transfer, the case's handler of a supervision order, the invited adviser. */
const NOTIFYING: Record<string, Notifier> = {
  transfer: handover,
  escalate: handover,
  openSupervision: async (em, c, e) => {
    const to = c.mediatorId ? [c.mediatorId] : await staffOf(em, c.handlingOrgId, DESK);
    const instructions = String((e.payload as { instructions?: string }).instructions ?? '');
    await notify(em, to, { kind: 'supervision', caseId: c.id, message: `案件${c.caseNumber}被督办：${instructions}`, key: `supervision:${c.id}:${e.seq}`, at: e.at });
  },
  // 大事: accepting a major matter opens its supervision in the same command; the leaders who
  // supervise the case (those of its handling organization and above) are told at once.
  accept: async (em, c, e) => {
    const p = e.payload as { triage?: string; responsibleOrgName?: string; responsiblePerson?: string; supervision?: { deadlineAt?: string | Date } };
    if (p.triage !== 'major' || !p.supervision) return;
    const leaders = await em.getRepository(User).find({ where: { organizationId: In(c.handlingOrgPath.split('/').filter(Boolean).map(Number)), active: true }, select: { id: true, roles: true } });
    const to = leaders.filter((u) => u.roles.includes('leader') && u.id !== e.actorId).map((u) => u.id);
    const deadline = p.supervision.deadlineAt ? `，督办期限${chinaDate(new Date(p.supervision.deadlineAt))}` : '';
    await notify(em, to, { kind: 'supervision', caseId: c.id, message: `重大事项案件${c.caseNumber}（${c.title}）已受理并督办：承办单位${p.responsibleOrgName ?? ''}，${p.responsiblePerson ?? ''}${deadline}`, key: `major:${c.id}:${e.seq}`, at: e.at });
  },
  inviteAdviser: async (em, c, e) => {
    if (!c.adviserId) return;
    await notify(em, [c.adviserId], { kind: 'invitation', caseId: c.id, message: `您被邀请参与案件${c.caseNumber}（${c.title}）的调解`, key: `invitation:${c.id}:${e.seq}`, at: e.at });
  },
};

async function handover(em: EntityManager, c: MediationCase, e: CaseEvent): Promise<void> {
  if (!c.pendingTransferToPath) return;
  const to = await em.getRepository(Organization).findOneBy({ path: c.pendingTransferToPath });
  if (!to) return;
  await notify(em, await staffOf(em, to.id, RECEIVERS), { kind: 'transfer', caseId: c.id, message: `案件${c.caseNumber}已移交本单位，请签收`, key: `transfer:${c.id}:${e.seq}`, at: e.at });
}
