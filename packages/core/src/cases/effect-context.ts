/**
 * What a lifecycle action's effect works with, and the reads both the case service and the
 * effects need. Kept apart from both so that neither imports the other.
 */
import { EntityManager } from 'typeorm';
import { DEFAULT_LIMITS, Limits, pickPolicy } from '../clock/sla';
import { Organization } from '../organizations/organization.entity';
import { SlaPolicy } from '../policies/sla-policy.entity';
import { ValidationError } from '../shared/errors';
import { PersonalDataCipher } from '../shared/personal-data';
import { CaseParticipant } from './case-participant.entity';
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

/** The time limits of the active SLA policy that fits the channel and category, else the defaults. */
export async function limitsFor(em: EntityManager, channel: string, category: string): Promise<Limits> {
  const policies = await em.getRepository(SlaPolicy).findBy({ active: true });
  const p = pickPolicy(policies, channel, category);
  return p
    ? { acceptDays: p.acceptDays, mediateDays: p.mediateDays, extensionDays: p.extensionDays, followUpDays: p.followUpDays, confirmationDays: p.confirmationDays, yellowPercent: p.yellowPercent }
    : DEFAULT_LIMITS;
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
    pendingTransferToPath: c.pendingTransferToPath,
    handlingOrgHasParent: handlingOrg?.parentId != null,
    consent: c.consent,
    enforcementApplied: c.enforcementAppliedOn !== null,
  };
}
