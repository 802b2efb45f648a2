/**
 * The records the API sends, as the browser receives them (instants and dates are ISO strings),
 * for the admin's views and other clients. They follow core's entities field by field, without
 * the columns never sent (password and key hashes, ciphertexts).
 */
import type {
  AgentAuthority, AgreementKind, DayKind, HolidayKind, PoolMediatorKind, StatsCategory, CaseSource, ConsentState, MediationType, Sex, SignatoryRole,
  CaseStatus, Category, Channel, ClockStage, CloseRoute, Complexity, ConfirmationState, FollowUpMethod, Light, OrganizationType, PartyKind, PartyRole, PerformanceState,
  RiskLevel, Role, Satisfaction, SupervisionState, TransferKind, TransferState, Triage,
} from './vocabulary';

/** A party as an agreement names it (ID number masked). */
export interface AgreementPartyRecord {
  role: PartyRole;
  name: string;
  idNumber?: string;
  address?: string;
  phone?: string;
}

/** What an event changed on the case: each field's value before and after. */
export type FieldChangesRecord = Record<string, { before: unknown; after: unknown }>;

/** A field error of a 400 answer, in the caller's language. */
export interface FieldErrorDetail {
  field: string;
  type: string;
  message: string;
}

/** The body of every error answer. */
export interface ApiErrorBody {
  error: { code: string; message: string; details: unknown };
}

/** A case as the API sends it, with its light at the time of reading. */
export interface CaseRecord {
  id: number;
  /** （2026）<prefix>调字第00042号; unique and gapless per registering organization and year. */
  caseNumber: string;
  registeringOrgId: number;
  year: number;
  serial: number;
  channel: Channel;
  /** The sending system's own reference (court case number, 警情编号 …); null for walk-ins. */
  sourceRef: string | null;
  /** The channel body (organization) that pushed the case in, if any. */
  sourceOrgId: number | null;
  category: Category;
  source: CaseSource;
  mediationType: MediationType;
  consent: ConsentState | null;
  consentOn: string | null;
  chosenMediator: string | null;
  rightsNotifiedOn: string | null;
  /** 申请强制执行 of a confirmed agreement not performed (民事诉讼法 第206条). */
  enforcementCourt: string | null;
  enforcementAppliedOn: string | null;
  /** The court's 调解书 that ended a court-referred case. */
  courtDocumentNumber: string | null;
  courtDocumentOn: string | null;
  /** A major matter's responsible unit and person (三事分流). */
  responsibleOrgId: number | null;
  responsiblePerson: string | null;
  administrativeReply: string | null;
  administrativeReplyOn: string | null;
  title: string;
  description: string;
  amountFen: number | null;
  peopleCount: number;
  /** The village or grid where the dispute arose (drives the legal adviser's scope). */
  placeOrgId: number | null;
  address: string | null;
  status: CaseStatus;
  triage: Triage | null;
  risk: RiskLevel;
  handlingOrgId: number;
  /** Copy of the handling organization's path: scope is a prefix match on it. */
  handlingOrgPath: string;
  mediatorId: number | null;
  adviserId: number | null;
  /** The grid worker who reported it, or the user who registered it. */
  reporterId: number | null;
  createdById: number | null;
  clockStage: ClockStage | null;
  clockStartedAt: string | null;
  yellowAt: string | null;
  deadlineAt: string | null;
  /** While suspended: what was left of the limit, in ms, to the deadline and to yellow. */
  pausedRemainingMs: number | null;
  pausedYellowRemainingMs: number | null;
  extended: boolean;
  /** 30 days after the agreement takes effect: last day to apply for judicial confirmation. */
  confirmationDeadlineAt: string | null;
  registeredAt: string;
  acceptedAt: string | null;
  settledAt: string | null;
  closedAt: string | null;
  closeRoute: CloseRoute | null;
  resultSummary: string | null;
  followedUp: boolean;
  performance: PerformanceState | null;
  supervised: boolean;
  /** A risk of turning criminal (民转刑) was reported (人民调解法 第25条). */
  criminalRisk: boolean;
  /** The pending transfer or escalation, until the receiving organization acknowledges it. */
  pendingTransferId: number | null;
  /** Path of the organization the pending transfer goes to: its members see the case to acknowledge it. */
  pendingTransferToPath: string | null;
  /** Transfers in a row nobody acknowledged; at 3 the case is flagged for the parent and supervision. */
  unacknowledgedTransfers: number;
  flagged: boolean;
  version: number;
  updatedAt: string;
  /** 亮灯 now; null when no clock runs. */
  light: Light | null;
}

/** A party of a case; ID number and phone masked unless revealed (then `idNumber`, `phone`). */
export interface PartyRecord {
  id: number;
  caseId: number;
  role: PartyRole;
  kind: PartyKind;
  name: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  address: string | null;
  /** 统一社会信用代码, for organizations. */
  creditCode: string | null;
  createdAt: string;
  /** Only when revealed. */
  idNumber?: string | null;
  phone?: string | null;
  sex: Sex | null;
  ethnicity: string | null;
  birthDate: string | null;
  occupation: string | null;
  legalRepresentative: string | null;
  agents: Array<{ name: string; authority: AgentAuthority; scope?: string; phone?: string }> | null;
}

/** One event of a case's hash-chained history. */
export interface CaseEventRecord {
  id: number;
  caseId: number;
  seq: number;
  action: string;
  actorId: number | null;
  actorName: string;
  at: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  changes: FieldChangesRecord;
  /** What the actor said with the action (reason, triage, …), personal data masked. */
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** A mediation session (调解记录). */
export interface MediationSessionRecord {
  id: number;
  caseId: number;
  heldAt: string;
  place: string;
  participants: string;
  minutes: string;
  outcome: string | null;
  /** Mediators from the pool outside the staff who sat in it. */
  poolMediatorIds: number[] | null;
  recordedById: number;
  createdAt: string;
}

/** A mediation agreement (调解协议书). */
export interface AgreementRecord {
  id: number;
  caseId: number;
  /** Written (第28条, 第29条) or oral (第28条, effective when reached 第30条). */
  kind: AgreementKind;
  /** A written agreement's number, per organization and year; null for oral ones. */
  agreementNumber: string | null;
  organizationId: number | null;
  year: number | null;
  serial: number | null;
  committeeName: string | null;
  parties: AgreementPartyRecord[];
  /** Who signed, sealed or fingerprinted, and when (written only). */
  signatures: Array<{ role: SignatoryRole; name: string; partyId?: number; userId?: number; poolMediatorId?: number; signedOn: string }> | null;
  facts: string | null;
  disputes: string | null;
  responsibilities: string | null;
  /** The agreed terms; of an oral agreement, its content. */
  terms: string;
  amountFen: number | null;
  performanceMethod: string | null;
  performancePlace: string | null;
  performanceDeadline: string | null;
  signedOn: string;
  /** The day it takes effect (the last signature and seal; an oral one when reached); the 30 days for judicial confirmation run from it. */
  effectiveOn: string;
  mediatorId: number;
  createdAt: string;
}


/** A record of how an agreement is performed (履行). */
export interface PerformanceRecordRecord {
  id: number;
  caseId: number;
  state: PerformanceState;
  amountPaidFen: number | null;
  note: string | null;
  recordedById: number;
  recordedAt: string;
}

/** An application for judicial confirmation (司法确认) and its ruling. */
export interface JudicialConfirmationRecord {
  id: number;
  caseId: number;
  court: string;
  appliedOn: string;
  state: ConfirmationState;
  decidedOn: string | null;
  rulingNumber: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A follow-up visit (回访). */
export interface FollowUpRecord {
  id: number;
  caseId: number;
  method: FollowUpMethod;
  satisfaction: Satisfaction;
  note: string | null;
  byId: number;
  at: string;
}

/** A hand-over (转办) or escalation (上提一级). */
export interface TransferRecord {
  id: number;
  caseId: number;
  kind: TransferKind;
  fromOrgId: number;
  toOrgId: number;
  reason: string;
  state: TransferState;
  createdById: number;
  createdAt: string;
  acknowledgedById: number | null;
  acknowledgedAt: string | null;
  /** When the receiver declined (退回), who and why. */
  declinedById: number | null;
  declinedAt: string | null;
  declineReason: string | null;
}

/** A supervision order (督办). */
export interface SupervisionOrderRecord {
  id: number;
  caseId: number;
  instructions: string;
  deadlineAt: string;
  state: SupervisionState;
  openedById: number;
  openedAt: string;
  closedById: number | null;
  closedAt: string | null;
  conclusion: string | null;
}

/** A legal opinion (法律意见). */
export interface LegalOpinionRecord {
  id: number;
  caseId: number;
  adviserId: number;
  title: string;
  content: string;
  createdAt: string;
}

/** A logged legal consultation (法律咨询). */
export interface ConsultationRecord {
  id: number;
  adviserId: number;
  villageId: number;
  at: string;
  personName: string;
  personPhoneMasked: string | null;
  category: Category;
  question: string;
  answer: string;
  caseId: number | null;
  /** Compare-and-set token for edits (incremented by every update). */
  version: number;
  createdAt: string;
}

/** A term in which a legal adviser serves a village. */
export interface AdviserAssignmentRecord {
  id: number;
  adviserId: number;
  villageId: number;
  startsOn: string;
  endsOn: string;
  note: string | null;
  /** Compare-and-set token for edits (incremented by every update). */
  version: number;
}

/** An SLA policy: time limits per channel and category. */
export interface SlaPolicyRecord {
  id: number;
  name: string;
  channel: Channel | null;
  category: Category | null;
  acceptDays: number;
  mediateDays: number;
  extensionDays: number;
  followUpDays: number;
  confirmationDays: number;
  /** Share of the limit after which the light turns yellow, in percent (75). */
  yellowPercent: number;
  active: boolean;
  /** Compare-and-set token for edits (incremented by every update). */
  version: number;
}

/** A per-case subsidy policy row (以案定补), amounts in fen. */
export interface SubsidyPolicyRecord {
  id: number;
  name: string;
  complexity: Complexity;
  result: 'settled' | 'failed';
  amountFen: number;
  validFrom: string;
  validTo: string | null;
  /** Compare-and-set token for edits (incremented by every update). */
  version: number;
}

/** An organization of the tree or beside it. */
export interface OrganizationRecord {
  id: number;
  name: string;
  type: OrganizationType;
  parentId: number | null;
  path: string;
  depth: number;
  /** 行政区划代码 of the area it serves, where it has one. */
  regionCode: string | null;
  /** Prefix of the case numbers it issues (`晋0105` in （2026）晋0105调字第00042号); null: it registers none. */
  caseNumberPrefix: string | null;
  /** `{year}`, `{prefix}`, `{serial}`; null: （{year}）{prefix}调字第{serial}号. */
  caseNumberFormat: string | null;
  /** Zero padding of the serial; 0: plain serials. */
  serialPadding: number;
  /** For channel bodies: the channel they push cases from. */
  channel: Channel | null;
  active: boolean;
  /** Compare-and-set token for edits (incremented by every update). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A user as the API shows it. */
export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  organizationId: number;
  phone: string | null;
  active: boolean;
  /** Compare-and-set token for edits (incremented by every update). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A channel system's API key; its secret is shown once, when it is created. */
export interface ApiKeyRecord {
  id: number;
  name: string;
  organizationId: number;
  channel: Channel;
  /** The first characters, shown to tell keys apart. */
  prefix: string;
  createdById: number;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A dispute category of the deployment (纠纷类型), mapped to the statistics category. */
export interface DisputeCategoryRecord {
  id: number;
  code: string;
  name: string;
  statsCategory: StatsCategory;
  active: boolean;
  sortOrder: number;
  /** The category's own mediation limit, in `dayKind` days; null: the SLA policy's. */
  mediateDays: number | null;
  dayKind: DayKind;
  /** Past the limit without agreement, mediation counts as failed. */
  overdueFails: boolean;
  version: number;
}

/** A mediator of the pool outside the staff (五老, 乡贤, lawyers, volunteers, counsellors). */
export interface PoolMediatorRecord {
  id: number;
  name: string;
  kind: PoolMediatorKind;
  specialty: string | null;
  areaOrgId: number | null;
  phoneMasked: string | null;
  active: boolean;
  version: number;
  createdAt: string;
}

/** A day of the working-day calendar: a holiday on a weekday, or a make-up working day (调休) on a weekend. */
export interface HolidayRecord {
  id: number;
  day: string;
  kind: HolidayKind;
  name: string;
  version: number;
}
