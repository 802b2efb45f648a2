/**
 * What each lifecycle action does to a case, once the lifecycle allowed it: the facts it changes
 * (written with the version compare-and-set), the child records it writes afterwards, and what
 * the history records of it. All run inside the command's transaction. The status is not an
 * effect's business: the service takes it from the lifecycle table's `to`.
 */
import { EntityManager } from 'typeorm';
import { LegalOpinion } from '../advisers/legal-opinion.entity';
import { extendClock, pauseClock, resumeClock, startClock, STOPPED } from '../clock/sla';
import { Organization } from '../organizations/organization.entity';
import { Party } from '../parties/party.entity';
import { particulars } from '../parties/particulars';
import { maskIdNumber, maskPhone } from '../shared/personal-data';
import { chinaDate, chinaDayStart, chinaYear } from '../shared/china-time';
import { DAY_MS } from '../shared/clock';
import { InvalidTransitionError, ValidationError } from '../shared/errors';
import { User } from '../users/user.entity';
import type { Role } from '../shared/vocabulary';
import { Agreement, AgreementNumberCounter, Signature } from './agreement.entity';
import { nextSerial } from './counters';
import type { AgreementInput, SignatureInput } from './payloads';
import { activePoolMediators } from '../pool/pool-mediator.service';
import { CaseParticipant } from './case-participant.entity';
import { fieldError as field, limitsFor, placeOf, type EffectContext } from './effect-context';
import { MediationCase } from './case.entity';
import { FollowUp } from './follow-up.entity';
import { JudicialConfirmation } from './judicial-confirmation.entity';
import { rolesFor, type ActionName } from './lifecycle';
import type { Payloads } from './payloads';
import { MediationSession } from './mediation-session.entity';
import { PerformanceRecord } from './performance-record.entity';
import { SupervisionOrder } from './supervision-order.entity';
import { Transfer } from './transfer.entity';
import { activeCategory, categoryOf } from '../categories/category.service';
import { referralRefusal } from '../domain/referral';
import type { ReferRoute } from '../shared/vocabulary';

export interface Effect {
  /** The case's facts this action changes; never its status (the lifecycle table's `to` is). */
  changes: Partial<Omit<MediationCase, 'status'>>;
  /** Child rows, written after the case row's compare-and-set succeeded. */
  after?: () => Promise<unknown>;
  /** What the history keeps of the payload, when not the payload itself. */
  record?: Record<string, unknown>;
}

/** Why the system ends a case past its limit (`lapse`), and the rule it applies. */
export const LAPSE_REASON = {
  zh: '超过调解期限，视为调解不成（医疗纠纷预防和处理条例第三十八条）',
  en: 'Past the mediation limit: mediation counts as failed (Regulation on the Prevention and Handling of Medical Disputes, art. 38)',
  basis: '医疗纠纷预防和处理条例 第38条',
} as const;

type EffectFn<A extends ActionName> = (ctx: EffectContext<Payloads[A]>) => Promise<Effect> | Effect;

/** A user who exists, is active and has the role; else a validation error naming the field. */
async function userWithRole(em: EntityManager, id: number, role: Role, fieldName: string): Promise<User> {
  const u = await em.getRepository(User).findOneBy({ id, active: true });
  if (!u || !u.roles.includes(role)) throw field(fieldName, 'any.invalid', role === 'mediator' ? '调解员不存在或不是调解员' : '法律顾问不存在或不是律师', `No active ${role} with this id`);
  return u;
}

/** A mediator must work in the handling organization, above it, or below it. */
async function mediatorFor(em: EntityManager, c: MediationCase, id: number, fieldName: string): Promise<User> {
  const u = await userWithRole(em, id, 'mediator', fieldName);
  const org = await em.getRepository(Organization).findOneByOrFail({ id: u.organizationId });
  if (!org.path.startsWith(c.handlingOrgPath) && !c.handlingOrgPath.startsWith(org.path)) {
    throw field(fieldName, 'any.invalid', '调解员不属于承办组织', 'The mediator does not belong to the handling organization');
  }
  return u;
}

const addParticipant = (em: EntityManager, caseId: number, userId: number, role: 'mediator' | 'adviser', at: Date) =>
  em
    .getRepository(CaseParticipant)
    .createQueryBuilder()
    .insert()
    .values({ caseId, userId, role, joinedAt: at })
    .orIgnore()
    .execute();

const dropMediators = (em: EntityManager, caseId: number) => em.getRepository(CaseParticipant).delete({ caseId, role: 'mediator' });

/**
 * Organizations a hand-over may go to: active, other than the handling one, with at least one
 * active member whose role may acknowledge it (a village, a grid or a channel desk without one
 * could never sign for the case). Ordered by path, so the tree reads in order.
 */
export function transferTargetsQuery(em: EntityManager, handlingOrgId: number) {
  const roles = rolesFor('acknowledge');
  // Roles are stored as JSON text (`["clerk"]`): a quoted name matches exactly one role.
  const roleMatch = roles.map((_, i) => `u.roles LIKE :ack_role_${i}`).join(' OR ');
  return em
    .getRepository(Organization)
    .createQueryBuilder('o')
    .where('o.active = :active', { active: true })
    .andWhere('o.id <> :handling', { handling: handlingOrgId })
    .andWhere(`o.id IN (SELECT u.organization_id FROM users u WHERE u.active = :active AND (${roleMatch}))`, Object.fromEntries(roles.map((r, i) => [`ack_role_${i}`, `%"${r}"%`])))
    .orderBy('o.path', 'ASC');
}

/** Hand a case over (转办 or 上提): the receiver must acknowledge; the sender answers until then. */
async function handOver(ctx: EffectContext<unknown>, kind: 'transfer' | 'escalation', toOrgId: number, reason: string): Promise<Effect> {
  const { em, case: c, actor, now } = ctx;
  const to = await transferTargetsQuery(em, c.handlingOrgId).andWhere('o.id = :to', { to: toOrgId }).getOne();
  if (!to) {
    if (toOrgId === c.handlingOrgId) throw field('toOrganizationId', 'any.invalid', '不能移交给当前承办组织', 'The case is already handled there');
    throw field('toOrganizationId', 'any.invalid', '接收组织不存在，或没有可以签收的在岗人员', 'No such organization, or no active member there may acknowledge the hand-over');
  }
  const from = await em.getRepository(Organization).findOneByOrFail({ id: c.handlingOrgId });
  const unacknowledged = c.unacknowledgedTransfers + 1;
  let transferId = 0;
  return {
    changes: {
      pendingTransferToPath: to.path,
      unacknowledgedTransfers: unacknowledged,
      // Three hand-overs nobody acknowledged: the parent organization and the leaders must look.
      ...(unacknowledged >= 3 ? { flagged: true } : {}),
    },
    after: async () => {
      if (c.pendingTransferId) await em.getRepository(Transfer).update({ id: c.pendingTransferId, state: 'pending' }, { state: 'cancelled' });
      const t = await em.getRepository(Transfer).save(
        em.getRepository(Transfer).create({
          caseId: c.id, kind, fromOrgId: from.id, fromOrgPath: from.path, toOrgId: to.id, reason, state: 'pending', createdById: actor.id, createdAt: now,
          acknowledgedById: null, acknowledgedAt: null, declinedById: null, declinedAt: null, declineReason: null,
        }),
      );
      transferId = t.id;
      await em.getRepository(MediationCase).update({ id: c.id }, { pendingTransferId: t.id });
    },
    record: { kind, toOrganizationId: to.id, toOrganizationName: to.name, reason, get transferId() { return transferId; } },
  };
}

/** （2026）平东调协字第3号: a written agreement's number, cited by the follow-up record and the confirmation application. */
export const formatAgreementNumber = (year: number, prefix: string, serial: number) => `（${year}）${prefix}调协字第${serial}号`;

/**
 * The last moment to apply for judicial confirmation: "within 30 days from the day the agreement
 * takes effect" (人民调解法 第33条); the first day is not counted (民法典 第201条), so the window
 * ends with the 30th day after `effectiveOn`, China time.
 */
export const confirmationDeadline = (effectiveOn: string, days: number) => new Date(chinaDayStart(effectiveOn).getTime() + (days + 1) * DAY_MS - 1);

/**
 * Who signed a written agreement. 第29条: every party signs (签名、盖章或者按指印), the mediator signs
 * and the committee seals; a list without them is refused. Without a list, all are taken to have
 * signed on `signedOn` (the mediator who settles, the committee named).
 */
async function signaturesOf(em: EntityManager, a: AgreementInput, parties: Party[], actor: { id: number; name: string }, committeeName: string): Promise<Signature[]> {
  const sides = parties.filter((p) => p.role !== 'third_party');
  if (!a.signatures) {
    return [
      ...sides.map((p) => ({ role: 'party' as const, name: p.name, partyId: p.id, signedOn: a.signedOn })),
      { role: 'mediator', name: actor.name, userId: actor.id, signedOn: a.signedOn },
      { role: 'committee_seal', name: committeeName, signedOn: a.signedOn },
    ];
  }
  const errors: Array<[string, string, string]> = [];
  for (const s of a.signatures) {
    if (s.signedOn < a.signedOn) errors.push(['agreement.signatures', `${s.name}的签名日期早于协议签订日期`, `${s.name} signed before the agreement's date`]);
    if (s.role === 'party' && !parties.some((p) => p.id === s.partyId || (!s.partyId && p.name === s.name))) errors.push(['agreement.signatures', `${s.name}不是本案当事人`, `${s.name} is not a party of this case`]);
  }
  const unsigned = sides.filter((p) => !a.signatures!.some((s) => s.role === 'party' && (s.partyId === p.id || (!s.partyId && s.name === p.name))));
  for (const p of unsigned) errors.push(['agreement.signatures', `当事人${p.name}未签名`, `Party ${p.name} has not signed`]);
  if (!a.signatures.some((s) => s.role === 'mediator' || s.role === 'pool_mediator')) errors.push(['agreement.signatures', '人民调解员未签名', 'No mediator has signed']);
  if (!a.signatures.some((s) => s.role === 'committee_seal')) errors.push(['agreement.signatures', '未加盖人民调解委员会印章', 'The committee has not sealed it']);
  if (errors.length) {
    throw new ValidationError(errors.map(([f, zh, en]) => ({ field: f, type: 'any.invalid', message: zh, messages: { zh, en } })));
  }
  await assertPoolMediators(em, a.signatures.filter((s) => s.role === 'pool_mediator'), 'agreement.signatures');
  return a.signatures.map((s) => ({ ...s, ...(s.role === 'party' && !s.partyId ? { partyId: parties.find((p) => p.name === s.name)!.id } : {}) }));
}

/** The law's refusal of a referral route for the case's category (see `referralRefusal`). */
async function referralExclusion(em: EntityManager, category: string, route: ReferRoute) {
  const row = await categoryOf(em, category);
  return referralRefusal(row?.statsCategory ?? category, route);
}

/** A pool mediator who signs is one on the roll, under the name the roll has. */
async function assertPoolMediators(em: EntityManager, signatures: SignatureInput[], fieldName: string): Promise<void> {
  const missingId = signatures.find((s) => !s.poolMediatorId);
  if (missingId) throw field(fieldName, 'any.required', `${missingId.name}：调解员库成员须注明编号`, `${missingId.name}: a pool mediator signs with their pool id`);
  const pool = await activePoolMediators(em, signatures.map((s) => s.poolMediatorId!), fieldName);
  const wrong = signatures.find((s, i) => pool[i].name !== s.name);
  if (wrong) throw field(fieldName, 'any.invalid', `调解员库中该编号的调解员不是${wrong.name}`, `Pool mediator ${wrong.poolMediatorId} is not ${wrong.name}`);
}

export const EFFECTS: { [A in ActionName]: EffectFn<A> } = {
  accept: async ({ em, case: c, actor, payload: p, now, limits }) => {
    const changes = { triage: p.triage, ...(p.risk ? { risk: p.risk } : {}), acceptedAt: now, ...startClock('mediation', now, limits) };
    if (p.triage !== 'major') return { changes };
    // 大事: the responsible government unit and person are named at once, and supervised in the same
    // command (seed: "明确承办单位、科室和人员"). The case reaches the unit by a transfer it
    // acknowledges (the hand-over rules), where it answers by `handleAdministratively`.
    const unit = await em.getRepository(Organization).findOneBy({ id: p.responsibleOrgId!, active: true });
    if (!unit || !['department', 'township', 'county'].includes(unit.type)) {
      throw field('responsibleOrgId', 'any.invalid', '承办单位应为政府职能部门或乡镇（街道）', 'The responsible unit must be a government department or a township');
    }
    const days = p.supervisionDays ?? limits.mediateDays;
    const instructions = `明确承办单位、科室和人员：${unit.name}，${p.responsiblePerson}`;
    const deadlineAt = new Date(now.getTime() + days * DAY_MS);
    return {
      changes: { ...changes, responsibleOrgId: unit.id, responsiblePerson: p.responsiblePerson!, supervised: true },
      // A leader may have opened supervision already: one open order at a time.
      after: async () =>
        c.supervised ||
        em.getRepository(SupervisionOrder).insert({ caseId: c.id, instructions, deadlineAt, state: 'open', openedById: actor.id, openedAt: now, closedById: null, closedAt: null, conclusion: null }),
      record: { triage: p.triage, responsibleOrgId: unit.id, responsibleOrgName: unit.name, responsiblePerson: p.responsiblePerson, supervision: { instructions, deadlineAt } },
    };
  },

  handleAdministratively: ({ payload: p, now }) => ({
    changes: { administrativeReply: p.reply, administrativeReplyOn: p.repliedOn, closedAt: now, closeRoute: 'department_reply', resultSummary: p.reply.slice(0, 500), ...STOPPED },
  }),

  reject: ({ payload: p, now }) => ({ changes: { resultSummary: p.reason, closedAt: now, ...STOPPED } }),

  assign: async ({ em, case: c, payload: p, now }) => {
    const lead = await mediatorFor(em, c, p.mediatorId, 'mediatorId');
    const co = await Promise.all((p.coMediatorIds ?? []).map((id, i) => mediatorFor(em, c, id, `coMediatorIds.${i}`)));
    return {
      changes: { mediatorId: lead.id },
      after: async () => {
        for (const u of [lead, ...co]) await addParticipant(em, c.id, u.id, 'mediator', now);
      },
      record: { mediatorId: lead.id, mediatorName: lead.displayName, coMediatorIds: co.map((u) => u.id) },
    };
  },

  reassign: async ({ em, case: c, payload: p, now }) => {
    const lead = await mediatorFor(em, c, p.mediatorId, 'mediatorId');
    return {
      changes: { mediatorId: lead.id },
      after: async () => {
        if (c.mediatorId) await em.getRepository(CaseParticipant).delete({ caseId: c.id, userId: c.mediatorId, role: 'mediator' });
        await addParticipant(em, c.id, lead.id, 'mediator', now);
      },
      record: { mediatorId: lead.id, mediatorName: lead.displayName, reason: p.reason },
    };
  },

  recordConsent: ({ payload: p }) => {
    if (p.rightsNotifiedOn && p.rightsNotifiedOn > p.on && p.consent === 'given') {
      // The parties accept mediation knowing their rights and duties (第23条, 第24条): told first, or the same day.
      throw field('rightsNotifiedOn', 'date.max', '权利义务告知应在当事人同意调解之前或当日', 'The rights notice comes before or on the day of consent');
    }
    return {
      changes: { consent: p.consent, consentOn: p.on, ...(p.chosenMediator ? { chosenMediator: p.chosenMediator } : {}), ...(p.rightsNotifiedOn ? { rightsNotifiedOn: p.rightsNotifiedOn } : {}) },
    };
  },

  startMediation: () => ({ changes: {} }),

  recordSession: async ({ em, case: c, actor, payload: p, now }) => {
    const pool = await activePoolMediators(em, p.poolMediatorIds ?? [], 'poolMediatorIds');
    return {
      changes: {},
      after: () =>
        em.getRepository(MediationSession).insert({
          caseId: c.id, heldAt: new Date(p.heldAt), place: p.place, participants: p.participants, minutes: p.minutes, outcome: p.outcome ?? null,
          poolMediatorIds: pool.length ? pool.map((m) => m.id) : null, recordedById: actor.id, createdAt: now,
        }),
      // The history names the pool mediators who sat in it.
      record: { heldAt: p.heldAt, place: p.place, outcome: p.outcome, poolMediators: pool.map((m) => ({ id: m.id, name: m.name, kind: m.kind })) },
    };
  },

  suspend: ({ case: c, now }) => ({ changes: { ...pauseClock(c, now) } }),

  resume: ({ case: c, now }) => ({ changes: { ...resumeClock(c, now) } }),

  extendDeadline: ({ case: c, payload: p, limits }) => {
    const days = p.days ?? limits.extensionDays;
    return { changes: { extended: true, ...extendClock(c, days, limits) }, record: { days, reason: p.reason } };
  },

  settle: async ({ em, case: c, actor, payload: p, now, limits }) => {
    const a = p.agreement;
    // 医疗纠纷预防和处理条例 第38条: past the limit without agreement, mediation counts as failed.
    if (limits.overdueFails && c.clockStage === 'mediation' && c.deadlineAt && now.getTime() > new Date(c.deadlineAt).getTime()) {
      throw new InvalidTransitionError('settle', 'CASE.PAST_LIMIT_FAILED', { zh: '已超过调解期限未达成协议，视为调解不成', en: 'The mediation limit has passed without agreement: mediation counts as failed' }, ['fail']);
    }
    const parties = await em.getRepository(Party).find({ where: { caseId: c.id }, order: { id: 'ASC' } });
    // 人民调解法 第29条: the agreement names the parties; both sides must be on it.
    const missing = (['applicant', 'respondent'] as const).filter((r) => !parties.some((x) => x.role === r));
    if (missing.length) {
      throw new ValidationError(
        missing.map((r) => ({
          field: 'agreement.parties',
          type: 'any.required',
          message: `调解协议缺少${r === 'applicant' ? '申请人' : '被申请人'}的基本情况`,
          messages: { zh: `调解协议缺少${r === 'applicant' ? '申请人' : '被申请人'}的基本情况`, en: `The agreement has no ${r}` },
        })),
      );
    }
    if (a.performanceDeadline && a.performanceDeadline < a.signedOn) throw field('agreement.performanceDeadline', 'date.min', '履行期限不能早于签订日期', 'The performance deadline is before the signature');
    const committee = await em.getRepository(Organization).findOneByOrFail({ id: c.handlingOrgId });
    const committeeName = a.committeeName ?? committee.name;
    const written = a.kind !== 'oral';
    const signatures = written ? await signaturesOf(em, a, parties, actor, committeeName) : null;
    // 第29条: a written agreement takes effect on the day the last party, mediator or seal signed it;
    // 第30条: an oral one when it is reached.
    const effectiveOn: string = signatures ? signatures.reduce((d, s) => (s.signedOn > d ? s.signedOn : d), a.signedOn) : a.signedOn;
    if (a.effectiveOn && a.effectiveOn !== effectiveOn) {
      throw field('agreement.effectiveOn', 'any.invalid', `协议自最后一方签名盖章之日（${effectiveOn}）起生效`, `The agreement takes effect on the day of the last signature (${effectiveOn})`);
    }
    const numbering = written ? await em.getRepository(Organization).findOneByOrFail({ id: c.registeringOrgId }) : null;
    const year = chinaYear(now);
    const agreement = em.getRepository(Agreement).create({
      caseId: c.id,
      kind: written ? 'written' : 'oral',
      agreementNumber: null,
      organizationId: numbering?.id ?? null,
      year: written ? year : null,
      serial: null,
      committeeName,
      parties: parties.map((x) => ({
        role: x.role, name: x.name, idNumber: x.idNumberMasked ?? undefined, address: x.address ?? undefined, sex: x.sex ?? undefined, birthDate: x.birthDate ?? undefined,
        ethnicity: x.ethnicity ?? undefined, occupation: x.occupation ?? undefined, legalRepresentative: x.legalRepresentative ?? undefined, agents: x.agents ?? undefined,
      })),
      signatures,
      facts: a.facts ?? null,
      disputes: a.disputes ?? null,
      responsibilities: a.responsibilities ?? null,
      terms: a.terms,
      amountFen: a.amountFen ?? null,
      performanceMethod: a.performanceMethod ?? null,
      performancePlace: a.performancePlace ?? null,
      performanceDeadline: a.performanceDeadline ?? null,
      signedOn: a.signedOn,
      effectiveOn,
      mediatorId: actor.id,
      createdAt: now,
    });
    return {
      changes: {
        settledAt: now,
        ...startClock('follow_up', now, limits),
        confirmationDeadlineAt: confirmationDeadline(effectiveOn, limits.confirmationDays),
      },
      after: async () => {
        if (numbering) {
          // Numbered inside the command: gapless per organization and year, like case numbers.
          agreement.serial = await nextSerial(em, AgreementNumberCounter, numbering.id, year);
          agreement.agreementNumber = formatAgreementNumber(year, numbering.caseNumberPrefix ?? '', agreement.serial);
        }
        await em.getRepository(Agreement).save(agreement);
      },
      record: {
        agreement: {
          kind: agreement.kind,
          get agreementNumber() {
            return agreement.agreementNumber;
          },
          terms: a.terms, amountFen: a.amountFen ?? null, performanceDeadline: a.performanceDeadline ?? null, signedOn: a.signedOn, effectiveOn,
          signatures: signatures?.map((s) => ({ role: s.role, name: s.name, signedOn: s.signedOn })) ?? null,
        },
      },
    };
  },

  fail: ({ payload: p }) => ({ changes: { resultSummary: p.reason, ...STOPPED } }),

  // 医疗纠纷预防和处理条例 第38条: past the limit without agreement, mediation counts as failed.
  lapse: () => ({ changes: { resultSummary: LAPSE_REASON.zh, ...STOPPED }, record: { reason: LAPSE_REASON.zh, basis: LAPSE_REASON.basis } }),

  recordPerformance: ({ em, case: c, actor, payload: p, now }) => ({
    changes: { performance: p.state },
    after: () => em.getRepository(PerformanceRecord).insert({ caseId: c.id, state: p.state, amountPaidFen: p.amountPaidFen ?? null, note: p.note ?? null, recordedById: actor.id, recordedAt: now }),
  }),

  applyConfirmation: async ({ em, case: c, payload: p, now, limits }) => {
    // 人民调解法 第33条: within 30 days of the agreement taking effect, counted to the day the
    // parties applied (`appliedOn`), not to the day someone enters it here.
    const agreement = await em.getRepository(Agreement).findOne({ where: { caseId: c.id }, order: { id: 'DESC' } });
    if (p.appliedOn > chinaDate(now)) throw field('appliedOn', 'date.max', '申请日期不能晚于今天', 'The application date is in the future');
    if (agreement && p.appliedOn < agreement.effectiveOn) throw field('appliedOn', 'date.min', '申请日期不能早于协议生效日期', 'The application is dated before the agreement took effect');
    const lastDay = agreement ? chinaDate(confirmationDeadline(agreement.effectiveOn, limits.confirmationDays)) : null;
    if (lastDay && p.appliedOn > lastDay) {
      throw new InvalidTransitionError('applyConfirmation', 'CASE.CONFIRMATION_LATE', { zh: `已超过申请司法确认的30日期限（最后一日为${lastDay}）`, en: `The 30 days for applying for judicial confirmation ended on ${lastDay}` }, []);
    }
    return {
      changes: {},
      after: () => em.getRepository(JudicialConfirmation).insert({ caseId: c.id, court: p.court, appliedOn: p.appliedOn, state: 'applied', decidedOn: null, rulingNumber: null, note: null, createdAt: now, updatedAt: now }),
    };
  },

  recordConfirmation: ({ em, case: c, payload: p, now }) => ({
    changes: {},
    after: async () => {
      const open = await em.getRepository(JudicialConfirmation).findOneOrFail({ where: { caseId: c.id, state: 'applied' }, order: { id: 'DESC' } });
      await em.getRepository(JudicialConfirmation).update({ id: open.id }, { state: p.result, decidedOn: p.decidedOn, rulingNumber: p.rulingNumber ?? null, note: p.note ?? null, updatedAt: now });
    },
  }),

  applyEnforcement: ({ payload: p, case: c }) => {
    const confirmed = c.settledAt ? chinaDate(new Date(c.settledAt)) : null;
    if (confirmed && p.appliedOn < confirmed) throw field('appliedOn', 'date.min', '申请日期不能早于调解成功日期', 'The application is dated before the settlement');
    return { changes: { enforcementCourt: p.court, enforcementAppliedOn: p.appliedOn } };
  },

  closeByCourtDocument: ({ payload: p, now }) => ({
    changes: { closedAt: now, closeRoute: 'court_mediation', courtDocumentNumber: p.documentNumber, courtDocumentOn: p.issuedOn, resultSummary: p.note ?? null, ...STOPPED },
  }),

  followUp: ({ em, case: c, actor, payload: p, now }) => ({
    changes: { followedUp: true, ...STOPPED },
    after: () => em.getRepository(FollowUp).insert({ caseId: c.id, method: p.method, satisfaction: p.satisfaction, note: p.note ?? null, byId: actor.id, at: now }),
  }),

  close: ({ case: c, payload: p, now }) => ({
    changes: { closedAt: now, closeRoute: c.status === 'settled' ? 'agreement' : 'guidance', resultSummary: p.summary ?? c.resultSummary, ...STOPPED },
  }),

  refer: async ({ em, case: c, payload: p, now }) => {
    if (p.route === 'court_return' && c.channel !== 'court') throw field('route', 'any.invalid', '只有法院委派的案件可以退回法院', 'Only a court-referred case can be returned to the court');
    // 第33条: after the court refused to confirm the agreement, the parties may sue (or mediate again: `reopen`).
    if (c.status !== 'failed' && p.route !== 'litigation') throw field('route', 'any.only', '司法确认被驳回后只能引导诉讼或重新调解', 'After a refused confirmation the case goes to court or is mediated again');
    const excluded = await referralExclusion(em, c.category, p.route);
    if (excluded) throw new InvalidTransitionError('refer', excluded.code, excluded.message, []);
    return { changes: { closedAt: now, closeRoute: p.route, resultSummary: p.note, ...STOPPED } };
  },

  transfer: (ctx) => handOver(ctx, 'transfer', ctx.payload.toOrganizationId, ctx.payload.reason),

  escalate: async (ctx) => {
    const org = await ctx.em.getRepository(Organization).findOneByOrFail({ id: ctx.case.handlingOrgId });
    return handOver(ctx, 'escalation', org.parentId!, ctx.payload.reason);
  },

  acknowledge: async ({ em, case: c, actor, now, limits }) => {
    const t = await em.getRepository(Transfer).findOneByOrFail({ id: c.pendingTransferId! });
    const to = await em.getRepository(Organization).findOneByOrFail({ id: t.toOrgId });
    return {
      changes: {
        handlingOrgId: to.id,
        handlingOrgPath: to.path,
        mediatorId: null,
        pendingTransferId: null,
        pendingTransferToPath: null,
        unacknowledgedTransfers: 0,
        extended: false,
        ...startClock('mediation', now, limits),
      },
      after: async () => {
        await em.getRepository(Transfer).update({ id: t.id }, { state: 'acknowledged', acknowledgedById: actor.id, acknowledgedAt: now });
        await dropMediators(em, c.id);
      },
      record: { transferId: t.id, kind: t.kind, fromOrgId: t.fromOrgId, toOrgId: t.toOrgId },
    };
  },

  // The receiver refuses: the case stays where it is, and the sender reads why in the history.
  declineTransfer: async ({ em, case: c, actor, payload: p, now }) => {
    const t = await em.getRepository(Transfer).findOneByOrFail({ id: c.pendingTransferId! });
    const to = await em.getRepository(Organization).findOneByOrFail({ id: t.toOrgId });
    return {
      changes: { pendingTransferId: null, pendingTransferToPath: null },
      after: () => em.getRepository(Transfer).update({ id: t.id, state: 'pending' }, { state: 'declined', declinedById: actor.id, declinedAt: now, declineReason: p.reason }),
      record: { transferId: t.id, kind: t.kind, fromOrgId: t.fromOrgId, toOrgId: t.toOrgId, toOrganizationName: to.name, reason: p.reason },
    };
  },

  inviteAdviser: async ({ em, case: c, payload: p, now }) => {
    const u = await userWithRole(em, p.adviserId, 'adviser', 'adviserId');
    return { changes: { adviserId: u.id }, after: () => addParticipant(em, c.id, u.id, 'adviser', now), record: { adviserId: u.id, adviserName: u.displayName } };
  },

  giveOpinion: ({ em, case: c, actor, payload: p, now }) => ({
    changes: {},
    after: async () => {
      await em.getRepository(LegalOpinion).insert({ caseId: c.id, adviserId: actor.id, title: p.title, content: p.content, createdAt: now });
      await addParticipant(em, c.id, actor.id, 'adviser', now);
    },
    record: { title: p.title },
  }),

  assessRisk: ({ payload: p }) => ({ changes: { risk: p.risk } }),

  // Never lowers a risk already critical; the payload (measures, report) is the history's record.
  reportCriminalRisk: ({ case: c }) => ({ changes: { criminalRisk: true, ...(c.risk === 'critical' ? {} : { risk: 'high' as const }) } }),

  edit: async ({ em, case: c, payload: p }) => {
    if (p.placeOrgId) await placeOf(em, p.placeOrgId);
    if (p.category && p.category !== c.category) await activeCategory(em, p.category);
    // Limits are per category: a running, unextended clock restarts its stage under the new category's limits.
    const clock =
      p.category && p.category !== c.category && c.deadlineAt && c.clockStage && c.clockStartedAt && !c.extended
        ? startClock(c.clockStage, new Date(c.clockStartedAt), await limitsFor(em, c.channel, p.category, c.handlingOrgPath))
        : {};
    return { changes: { ...p, ...clock } };
  },

  editParty: async ({ em, case: c, payload: p, now, cipher }) => {
    const repo = em.getRepository(Party);
    // With the ciphertext: the ID number on file decides birth date and sex.
    const current = p.partyId
      ? await repo.createQueryBuilder('p').addSelect('p.idNumberCipher').where('p.id = :id AND p.case_id = :caseId', { id: p.partyId, caseId: c.id }).getOne()
      : null;
    if (p.partyId && !current) throw field('partyId', 'any.invalid', '本案没有这名当事人', 'No such party on this case');
    const kind = p.kind ?? current?.kind ?? 'person';
    if (kind === 'organization' && p.idNumber) throw field('idNumber', 'any.invalid', '单位当事人没有身份证号', 'An organization has no ID card number');
    if (kind === 'person' && p.creditCode) throw field('creditCode', 'any.invalid', '自然人没有统一社会信用代码', 'A person has no unified social credit code');
    const values: Partial<Party> = { kind };
    if (p.role) values.role = p.role;
    if (p.name) values.name = p.name;
    if ('address' in p) values.address = p.address || null;
    if ('creditCode' in p) values.creditCode = p.creditCode ?? null;
    if ('idNumber' in p) {
      values.idNumberHash = p.idNumber ? cipher.hashIdNumber(p.idNumber) : null;
      values.idNumberCipher = p.idNumber ? cipher.encrypt(p.idNumber) : null;
      values.idNumberMasked = p.idNumber ? maskIdNumber(p.idNumber) : null;
    }
    if ('phone' in p) {
      values.phoneCipher = p.phone ? cipher.encrypt(p.phone) : null;
      values.phoneMasked = p.phone ? maskPhone(p.phone) : null;
    }
    if (kind === 'organization' && (p.sex || p.birthDate || p.ethnicity)) throw field('sex', 'any.invalid', '单位当事人没有性别、民族和出生日期', 'An organization has no sex, ethnicity or birth date');
    if (kind === 'person' && p.legalRepresentative) throw field('legalRepresentative', 'any.invalid', '自然人没有法定代表人', 'A person has no legal representative');
    for (const k of ['ethnicity', 'occupation', 'legalRepresentative'] as const) if (k in p) values[k] = p[k] || null;
    if ('agents' in p) values.agents = p.agents?.length ? p.agents : null;
    if (kind === 'person' && ('idNumber' in p || 'birthDate' in p || 'sex' in p)) {
      // With an ID number on file, its birth date and sex are the record's.
      const idNumber = 'idNumber' in p ? p.idNumber : current?.idNumberCipher ? cipher.decrypt(current.idNumberCipher) : null;
      Object.assign(values, particulars({ idNumber, birthDate: 'birthDate' in p ? p.birthDate : current?.birthDate, sex: 'sex' in p ? p.sex : current?.sex }));
    }
    // Both sides stay named: the agreement must name them (人民调解法 第29条).
    const roles = (await repo.findBy({ caseId: c.id })).map((x) => (x.id === current?.id ? (values.role ?? x.role) : x.role));
    if (!current) roles.push(values.role!);
    if (!roles.includes('applicant') || !roles.includes('respondent')) {
      throw field('role', 'parties.sides', '当事人至少需要一名申请人和一名被申请人', 'The case needs at least one applicant and one respondent');
    }
    const shown = (x: Partial<Party>) => ({
      role: x.role, kind: x.kind, name: x.name, idNumber: x.idNumberMasked ?? null, phone: x.phoneMasked ?? null, address: x.address ?? null, creditCode: x.creditCode ?? null,
      sex: x.sex ?? null, ethnicity: x.ethnicity ?? null, birthDate: x.birthDate ?? null, occupation: x.occupation ?? null, legalRepresentative: x.legalRepresentative ?? null, agents: x.agents ?? null,
    });
    let partyId = current?.id ?? 0;
    return {
      changes: {},
      after: async () => {
        if (current) await repo.update({ id: current.id }, values as never);
        else partyId = Number((await repo.insert({ caseId: c.id, address: null, creditCode: null, ...values, createdAt: now } as Party)).identifiers[0].id);
      },
      // The party's before and after, personal data masked.
      record: {
        get partyId() {
          return partyId;
        },
        before: current ? shown(current) : null,
        after: shown({ ...current, ...values }),
      },
    };
  },

  withdraw: ({ payload: p, now }) => ({ changes: { closedAt: now, resultSummary: p.reason, ...STOPPED } }),

  reopen: ({ now, limits }) => ({
    changes: { closedAt: null, closeRoute: null, followedUp: false, extended: false, ...startClock('mediation', now, limits) },
  }),

  archive: () => ({ changes: {} }),

  openSupervision: ({ em, case: c, actor, payload: p, now }) => {
    const deadlineAt = new Date(now.getTime() + p.deadlineDays * DAY_MS);
    return {
      changes: { supervised: true },
      after: () =>
        em.getRepository(SupervisionOrder).insert({ caseId: c.id, instructions: p.instructions, deadlineAt, state: 'open', openedById: actor.id, openedAt: now, closedById: null, closedAt: null, conclusion: null }),
      record: { instructions: p.instructions, deadlineAt },
    };
  },

  closeSupervision: ({ em, case: c, actor, payload: p, now }) => ({
    changes: { supervised: false },
    after: () => em.getRepository(SupervisionOrder).update({ caseId: c.id, state: 'open' }, { state: 'closed', closedById: actor.id, closedAt: now, conclusion: p.conclusion }),
  }),
};
