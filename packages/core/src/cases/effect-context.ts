/**
 * What a lifecycle action's effect works with, and the reads both the case service and the
 * effects need. Kept apart from both so that neither imports the other.
 */
import { EntityManager, In } from 'typeorm';
import { DEFAULT_LIMITS, Limits, pickPolicy } from '../clock/sla';
import { Organization } from '../organizations/organization.entity';
import { SlaPolicy } from '../policies/sla-policy.entity';
import { ValidationError } from '../shared/errors';
import { PersonalDataCipher } from '../shared/personal-data';
import { CaseParticipant } from './case-participant.entity';
import { categoryOf } from '../categories/category.service';
import { workCalendar } from '../calendar/holiday.service';
import type { DisputeCategory } from '../categories/dispute-category.entity';
import type { WorkCalendar } from '../clock/calendar';
import { MediationCase } from './case.entity';
import { JudicialConfirmation } from './judicial-confirmation.entity';
import type { Actor, CaseFacts } from './lifecycle';

/** Everything an action's effect may use; `P` is the action's validated payload (see `Payloads`). */
export interface EffectContext<P = unknown> {
  em: EntityManager;
  case: MediationCase;
  actor: Actor;
  /** Validated against the action's schema in ACTION_PAYLOADS. */
  payload: P;
  now: Date;
  limits: Limits;
  cipher: PersonalDataCipher;
}

/** A validation error on one field, in both languages. */
export function fieldError(field: string, type: string, zh: string, en: string): ValidationError {
  return new ValidationError([{ field, type, message: zh, messages: { zh, en } }]);
}

/** Where a dispute arose: a village (community) or a grid. @throws ValidationError on `placeOrgId` */
export async function placeOf(em: EntityManager, id: number): Promise<Organization> {
  const org = await em.getRepository(Organization).findOneBy({ id });
  if (!org || (org.type !== 'village' && org.type !== 'grid')) {
    throw fieldError('placeOrgId', 'any.invalid', '发生地应为村（社区）或网格', 'The place must be a village (community) or a grid');
  }
  return org;
}

/**
 * The time limits of the SLA policy that governs a case handled at `handlingOrgPath` (see
 * `pickPolicy`: the nearest organization above it that has a fitting policy), else the defaults;
 * a category's own mediation limit (labour 15 days, medical 30 working days) wins over both.
 */
export async function limitsFor(em: EntityManager, channel: string, category: string, handlingOrgPath: string): Promise<Limits> {
  const [policies, cat] = await Promise.all([em.getRepository(SlaPolicy).findBy({ active: true }), categoryOf(em, category)]);
  const orgs = policies.length ? await em.getRepository(Organization).find({ select: { id: true, path: true }, where: { id: In([...new Set(policies.map((q) => q.organizationId))]) } }) : [];
  const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
  // A policy of an organization that no longer exists governs nothing.
  const governing = policies.flatMap((q) => (pathOf.has(q.organizationId) ? [{ ...q, orgPath: pathOf.get(q.organizationId)! }] : []));
  const p = pickPolicy(governing, channel, category, handlingOrgPath);
  const base: Limits = p
    ? { acceptDays: p.acceptDays, mediateDays: p.mediateDays, extensionDays: p.extensionDays, followUpDays: p.followUpDays, confirmationDays: p.confirmationDays, yellowPercent: p.yellowPercent }
    : DEFAULT_LIMITS;
  return withCategoryRule(base, cat, cat?.mediateDays && cat.dayKind === 'working' ? await workCalendar(em) : undefined);
}

/**
 * A policy's limits with the category's own rule on top: its mediation limit (in calendar or
 * working days, counted on `calendar`) and whether overdue counts as failed. Pure, so the bulk
 * loader applies the same rule as `limitsFor`.
 */
export function withCategoryRule(base: Limits, cat: Pick<DisputeCategory, 'mediateDays' | 'dayKind' | 'overdueFails'> | null | undefined, calendar?: WorkCalendar): Limits {
  if (!cat?.mediateDays) return cat?.overdueFails ? { ...base, overdueFails: true } : base;
  return {
    ...base,
    mediateDays: cat.mediateDays,
    mediateDayKind: cat.dayKind,
    overdueFails: cat.overdueFails,
    ...(cat.dayKind === 'working' && calendar ? { calendar } : {}),
  };
}

/** What the lifecycle needs to know, read from the case and its related rows. */
export async function factsOf(em: EntityManager, c: MediationCase): Promise<CaseFacts> {
  const [participants, confirmation, handlingOrg] = await Promise.all([
    em.getRepository(CaseParticipant).find({ where: { caseId: c.id }, select: { userId: true, role: true } }),
    em.getRepository(JudicialConfirmation).findOne({ where: { caseId: c.id }, order: { id: 'DESC' }, select: { id: true, state: true } }),
    em.getRepository(Organization).findOne({ where: { id: c.handlingOrgId }, select: { id: true, parentId: true } }),
  ]);
  const mediatorIds = participants.filter((p) => p.role === 'mediator').map((p) => p.userId);
  if (c.mediatorId && !mediatorIds.includes(c.mediatorId)) mediatorIds.push(c.mediatorId);
  return {
    status: c.status,
    channel: c.channel,
    triage: c.triage,
    placeOrgId: c.placeOrgId,
    sourceOrgId: c.sourceOrgId,
    mediatorIds,
    adviserIds: participants.filter((p) => p.role === 'adviser').map((p) => p.userId),
    supervised: c.supervised,
    extended: c.extended,
    followedUp: c.followedUp,
    performance: c.performance as CaseFacts['performance'],
    closeRoute: c.closeRoute,
    confirmation: confirmation?.state ?? null,
    handlingOrgPath: c.handlingOrgPath,
    pendingTransferToPath: c.pendingTransferToPath,
    handlingOrgHasParent: handlingOrg?.parentId != null,
    consent: c.consent,
    enforcementApplied: c.enforcementAppliedOn !== null,
  };
}
