import { EntityManager, In } from 'typeorm';
import { Attachment, AttachmentCategory } from '../attachments/attachment.entity';
import { Agreement } from '../cases/agreement.entity';
import { MediationCase } from '../cases/case.entity';
import { FollowUp } from '../cases/follow-up.entity';
import { JudicialConfirmation } from '../cases/judicial-confirmation.entity';
import { MediationSession } from '../cases/mediation-session.entity';
import { PerformanceRecord } from '../cases/performance-record.entity';
import { CaseParticipant } from '../cases/case-participant.entity';
import { CaseEvent } from '../history/case-event.entity';
import { Organization } from '../organizations/organization.entity';
import { Party } from '../parties/party.entity';
import type { PersonalDataCipher } from '../shared/personal-data';
import type { CaseStatus, CloseRoute, PartyKind, PartyRole } from '../shared/vocabulary';
import { User } from '../users/user.entity';
import { chinaDay } from './format';
import { ATTACHMENT_CATEGORY_ZH, CATEGORY_ZH, CHANNEL_ZH, CONFIRMATION_ZH, FOLLOW_UP_METHOD_ZH, PARTY_ROLE_ZH, PERFORMANCE_ZH, SATISFACTION_ZH, SEX_ZH } from './labels';
import { DisputeCategory } from '../categories/dispute-category.entity';

/** A category's name as a paper names the dispute: 邻里 → 邻里纠纷, 劳动争议 stays. */
const disputeName = (name: string) => (/(纠纷|争议)$/.test(name) ? name : `${name}纠纷`);

/** A party as the forms print it: personal data in full or masked, as the reader may see it. */
export interface DocumentParty {
  id: number;
  role: PartyRole;
  /** 申请人, 被申请人, 第三人 */
  roleLabel: string;
  kind: PartyKind;
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  creditCode: string | null;
  // Printed when known (recorded with the party since issue 9).
  sex?: string | null;
  ethnicity?: string | null;
  birthDate?: string | null;
  /** For an organization: its legal representative. */
  legalRepresentative?: string | null;
}

export interface DocumentSession {
  id: number;
  /** 1 for the first session of the case. */
  number: number;
  heldAt: Date;
  place: string;
  participants: string;
  minutes: string;
  outcome: string | null;
  recordedBy: string;
}

export interface DocumentAgreement {
  id: number;
  /** 口头协议 (人民调解法 第28、30条): recorded in the case instead of a written agreement. */
  oral: boolean;
  /** The agreement's own number, when the center numbers them. */
  number: string | null;
  facts: string;
  disputes: string;
  responsibilities: string;
  terms: string;
  amountFen: number | null;
  performanceMethod: string;
  /** None for an oral agreement performed on the spot. */
  performanceDeadline: string | null;
  signedOn: string;
  effectiveOn: string;
  mediatorName: string;
}

/**
 * Everything the printed forms say about a case, assembled in one place (`assembleDocumentData`)
 * so each form reads one plain object: a new fact of the case is added here and in the forms
 * that print it.
 */
export interface DocumentData {
  /** The day the papers are printed (China), YYYY-MM-DD. */
  generatedOn: string;
  /** Whether ID numbers and phones are printed in full (only for roles that may reveal them). */
  personalData: 'full' | 'masked';
  /** The people's mediation committee that handles the case (its seal goes on the papers). */
  committee: string;
  registeringOrg: string;
  case: {
    id: number;
    caseNumber: string;
    title: string;
    description: string;
    category: string;
    categoryLabel: string;
    channel: string;
    channelLabel: string;
    sourceRef: string | null;
    amountFen: number | null;
    peopleCount: number;
    place: string | null;
    status: CaseStatus;
    registeredOn: string;
    acceptedOn: string | null;
    closedOn: string | null;
    closeRoute: CloseRoute | null;
    resultSummary: string | null;
    registeredBy: string | null;
  };
  parties: DocumentParty[];
  mediators: string[];
  adviser: string | null;
  rejection: { reason: string; on: string; by: string } | null;
  failure: { reason: string; on: string; by: string } | null;
  /** How a failed case left (refer): litigation or back to the court. */
  referral: { route: string; note: string; on: string } | null;
  sessions: DocumentSession[];
  agreement: DocumentAgreement | null;
  confirmation: { court: string; appliedOn: string; state: string; stateLabel: string; decidedOn: string | null; rulingNumber: string | null } | null;
  performance: Array<{ state: string; stateLabel: string; amountPaidFen: number | null; note: string | null; on: string }>;
  followUps: Array<{ at: Date; method: string; methodLabel: string; satisfaction: string; satisfactionLabel: string; note: string | null; by: string }>;
  /** Attachments in force (withdrawn ones left out), oldest first. */
  attachments: Array<{ id: number; fileName: string; category: AttachmentCategory; categoryLabel: string; uploadedOn: string; size: number; sha256: string; supersedesId: number | null }>;
}

/** A committee's name as it signs: an organization's own name when it is one, else "<name>人民调解委员会". */
export const committeeName = (orgName: string) => (/(委员会|调解中心|调处化解中心|工作室|调解室)$/.test(orgName) ? orgName : `${orgName}人民调解委员会`);

/**
 * Read a case and its records into DocumentData. `reveal`: print full ID numbers and phones
 * (the caller has checked the actor may see them, and logs it).
 */
export async function assembleDocumentData(em: EntityManager, c: MediationCase, opts: { reveal: boolean; cipher: PersonalDataCipher; now: Date }): Promise<DocumentData> {
  const partyQuery = em.getRepository(Party).createQueryBuilder('p').where('p.case_id = :id', { id: c.id }).orderBy('p.id', 'ASC');
  if (opts.reveal) partyQuery.addSelect(['p.idNumberCipher', 'p.phoneCipher']);
  const [parties, sessions, agreement, confirmation, performance, followUps, events, attachments, participants] = await Promise.all([
    partyQuery.getMany(),
    em.getRepository(MediationSession).find({ where: { caseId: c.id }, order: { heldAt: 'ASC', id: 'ASC' } }),
    em.getRepository(Agreement).findOne({ where: { caseId: c.id }, order: { id: 'DESC' } }),
    em.getRepository(JudicialConfirmation).findOne({ where: { caseId: c.id }, order: { id: 'DESC' } }),
    em.getRepository(PerformanceRecord).find({ where: { caseId: c.id }, order: { recordedAt: 'ASC', id: 'ASC' } }),
    em.getRepository(FollowUp).find({ where: { caseId: c.id }, order: { at: 'ASC', id: 'ASC' } }),
    em.getRepository(CaseEvent).find({ where: { caseId: c.id, action: In(['reject', 'fail', 'refer', 'register']) }, order: { seq: 'ASC' } }),
    em.getRepository(Attachment).find({ where: { caseId: c.id }, order: { id: 'ASC' } }),
    em.getRepository(CaseParticipant).find({ where: { caseId: c.id }, order: { joinedAt: 'ASC' } }),
  ]);
  // The deployment's own name of the category (the table may rename or add them), else the default's.
  const category = await em.getRepository(DisputeCategory).findOneBy({ code: c.category });
  const orgIds = [c.handlingOrgId, c.registeringOrgId, c.placeOrgId].filter((x): x is number => x != null);
  const orgs = new Map((await em.getRepository(Organization).findBy({ id: In(orgIds) })).map((o) => [o.id, o.name]));
  const mediatorIds = [c.mediatorId, ...participants.filter((p) => p.role === 'mediator').map((p) => p.userId)].filter((x): x is number => x != null);
  const userIds = [...mediatorIds, c.adviserId, c.createdById, agreement?.mediatorId, ...sessions.map((s) => s.recordedById), ...followUps.map((f) => f.byId)].filter((x): x is number => x != null);
  const users = new Map((userIds.length ? await em.getRepository(User).findBy({ id: In([...new Set(userIds)]) }) : []).map((u) => [u.id, u.displayName]));
  const userName = (id: number | null | undefined) => (id != null ? (users.get(id) ?? '') : '');
  const last = (action: string) => [...events].reverse().find((e) => e.action === action);
  const reject = last('reject');
  const fail = last('fail');
  const refer = last('refer');
  return {
    generatedOn: chinaDay(opts.now),
    personalData: opts.reveal ? 'full' : 'masked',
    committee: committeeName(orgs.get(c.handlingOrgId) ?? ''),
    registeringOrg: orgs.get(c.registeringOrgId) ?? '',
    case: {
      id: c.id,
      caseNumber: c.caseNumber,
      title: c.title,
      description: c.description,
      category: c.category,
      categoryLabel: category ? disputeName(category.name) : (CATEGORY_ZH[c.category] ?? c.category),
      channel: c.channel,
      channelLabel: CHANNEL_ZH[c.channel] ?? c.channel,
      sourceRef: c.sourceRef,
      amountFen: c.amountFen,
      peopleCount: c.peopleCount,
      place: [c.placeOrgId ? orgs.get(c.placeOrgId) : null, c.address].filter(Boolean).join(' ') || null,
      status: c.status,
      registeredOn: chinaDay(c.registeredAt),
      acceptedOn: c.acceptedAt ? chinaDay(c.acceptedAt) : null,
      closedOn: c.closedAt ? chinaDay(c.closedAt) : null,
      closeRoute: c.closeRoute,
      resultSummary: c.resultSummary,
      registeredBy: last('register')?.actorName ?? null,
    },
    parties: parties.map((p) => ({
      id: p.id,
      role: p.role,
      roleLabel: PARTY_ROLE_ZH[p.role] ?? p.role,
      kind: p.kind,
      name: p.name,
      idNumber: opts.reveal && p.idNumberCipher ? opts.cipher.decrypt(p.idNumberCipher) : p.idNumberMasked,
      phone: opts.reveal && p.phoneCipher ? opts.cipher.decrypt(p.phoneCipher) : p.phoneMasked,
      address: p.address,
      creditCode: p.creditCode,
      sex: p.sex ? (SEX_ZH[p.sex] ?? p.sex) : null,
      ethnicity: p.ethnicity,
      birthDate: p.birthDate,
      legalRepresentative: p.legalRepresentative,
    })),
    mediators: [...new Set(mediatorIds)].map(userName).filter(Boolean),
    adviser: c.adviserId ? userName(c.adviserId) : null,
    rejection: reject ? { reason: String(reject.payload.reason ?? c.resultSummary ?? ''), on: chinaDay(reject.at), by: reject.actorName } : null,
    failure: fail ? { reason: String(fail.payload.reason ?? ''), on: chinaDay(fail.at), by: fail.actorName } : null,
    referral: refer ? { route: String(refer.payload.route ?? ''), note: String(refer.payload.note ?? ''), on: chinaDay(refer.at) } : null,
    sessions: sessions.map((s, i) => ({ id: s.id, number: i + 1, heldAt: new Date(s.heldAt), place: s.place, participants: s.participants, minutes: s.minutes, outcome: s.outcome, recordedBy: userName(s.recordedById) })),
    agreement: agreement
      ? {
          id: agreement.id,
          oral: agreement.kind === 'oral',
          number: agreement.agreementNumber,
          facts: agreement.facts ?? '',
          disputes: agreement.disputes ?? '',
          responsibilities: agreement.responsibilities ?? '',
          terms: agreement.terms,
          amountFen: agreement.amountFen,
          performanceMethod: agreement.performanceMethod ?? '',
          performanceDeadline: agreement.performanceDeadline,
          signedOn: agreement.signedOn,
          effectiveOn: agreement.effectiveOn,
          mediatorName: userName(agreement.mediatorId),
        }
      : null,
    confirmation: confirmation
      ? { court: confirmation.court, appliedOn: confirmation.appliedOn, state: confirmation.state, stateLabel: CONFIRMATION_ZH[confirmation.state] ?? confirmation.state, decidedOn: confirmation.decidedOn, rulingNumber: confirmation.rulingNumber }
      : null,
    performance: performance.map((p) => ({ state: p.state, stateLabel: PERFORMANCE_ZH[p.state] ?? p.state, amountPaidFen: p.amountPaidFen, note: p.note, on: chinaDay(p.recordedAt) })),
    followUps: followUps.map((f) => ({
      at: new Date(f.at),
      method: f.method,
      methodLabel: FOLLOW_UP_METHOD_ZH[f.method] ?? f.method,
      satisfaction: f.satisfaction,
      satisfactionLabel: SATISFACTION_ZH[f.satisfaction] ?? f.satisfaction,
      note: f.note,
      by: userName(f.byId),
    })),
    attachments: attachments
      .filter((a) => !a.withdrawnAt)
      .map((a) => ({ id: a.id, fileName: a.fileName, category: a.category, categoryLabel: ATTACHMENT_CATEGORY_ZH[a.category] ?? a.category, uploadedOn: chinaDay(a.uploadedAt), size: a.size, sha256: a.sha256, supersedesId: a.supersedesId })),
  };
}
