/**
 * What each action and registration must carry, as joi schemas: validated by core, and the same
 * schemas let the API generate its OpenAPI document.
 */
import Joi from 'joi';
import { calendarDate } from '../shared/validation';
import { boundedInstant } from '../shared/dates';
import { isValidIdNumber } from '../shared/personal-data';
import {
  AGENT_AUTHORITIES, AGREEMENT_KINDS, SIGNATORY_ROLES, CASE_SOURCES, CHANNELS, CONFIRMATION_STATES, CONSENT_STATES, MEDIATION_TYPES, SEXES, FOLLOW_UP_METHODS, PARTY_KINDS, PARTY_ROLES, PERFORMANCE_STATES, REFER_ROUTES, RISK_LEVELS, SATISFACTION_LEVELS,
  TRIAGE_CLASSES,
} from '../shared/vocabulary';
import type {
  AgentAuthority, AgreementKind, SignatoryRole, CaseSource, ConsentState, MediationType, Sex, Category, ConfirmationState, FollowUpMethod, PartyKind, PartyRole, PerformanceState, ReferRoute, RiskLevel, Satisfaction, Triage,
} from '../shared/vocabulary';
import type { ActionName } from './lifecycle';

const id = () => Joi.number().integer().min(1);
const text = (max: number) => Joi.string().trim().max(max);
const reason = () => text(500).required();
const fen = () => Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER);

/** A dispute category's code; whether it is an active one is the table's answer. */
export const categoryCode = () => Joi.string().trim().pattern(/^[a-z][a-z0-9_]{1,31}$/);

const idNumber = Joi.string()
  .trim()
  .max(18)
  .custom((v: string, h) => (isValidIdNumber(v) ? v.toUpperCase() : h.error('idNumber.invalid')));

/** 委托代理人: a special authority (特别授权) must say what it covers. */
const agentSchema = Joi.object({
  name: text(100).required(),
  authority: Joi.string().valid(...AGENT_AUTHORITIES).required(),
  scope: text(500).when('authority', { is: 'special', then: Joi.required() }),
  phone: Joi.string().trim().pattern(/^[0-9+\-() ]{5,20}$/),
});

/** A party's particulars beyond name and numbers (issue 9, item 5). */
const personFields = {
  sex: Joi.string().valid(...SEXES),
  ethnicity: text(20),
  birthDate: calendarDate(),
  occupation: text(50),
  legalRepresentative: text(100),
  agents: Joi.array().items(agentSchema).max(5),
};

export const partySchema = Joi.object({
  role: Joi.string().valid(...PARTY_ROLES).required(),
  kind: Joi.string().valid(...PARTY_KINDS).default('person'),
  name: text(100).required(),
  idNumber: idNumber.when('kind', { is: 'person', otherwise: Joi.forbidden() }),
  phone: Joi.string().trim().pattern(/^[0-9+\-() ]{5,20}$/),
  address: text(200),
  creditCode: Joi.string().trim().pattern(/^[0-9A-HJ-NPQRTUWXY]{18}$/).when('kind', { is: 'organization', otherwise: Joi.forbidden() }),
  ...personFields,
  sex: personFields.sex.when('kind', { is: 'person', otherwise: Joi.forbidden() }),
  birthDate: personFields.birthDate.when('kind', { is: 'person', otherwise: Joi.forbidden() }),
  ethnicity: personFields.ethnicity.when('kind', { is: 'person', otherwise: Joi.forbidden() }),
  legalRepresentative: personFields.legalRepresentative.when('kind', { is: 'organization', otherwise: Joi.forbidden() }),
}).label('party');

/** Facts a person may change on a case through `edit` (and give at registration). */
const factFields = {
  // Checked against the active codes of `dispute_categories` in the command's transaction.
  category: categoryCode(),
  title: text(200).min(2),
  description: text(5000).min(5),
  amountFen: fen().allow(null),
  peopleCount: Joi.number().integer().min(1).max(100000),
  placeOrgId: id().allow(null),
  address: text(200).allow(null, ''),
  source: Joi.string().valid(...CASE_SOURCES),
  mediationType: Joi.string().valid(...MEDIATION_TYPES),
};

/**
 * 人民调解法 第25条: a risk of the dispute turning criminal (民转刑), the measures taken to prevent
 * it, and whether (and when, and to which station) it was reported to the police. The payload of
 * `reportCriminalRisk`, and of registration's `criminalRisk` when the risk is known at once.
 */
export const criminalRiskReportSchema = Joi.object({
  measures: text(2000).required(),
  reportedToPolice: Joi.boolean().required(),
  policeStation: text(100),
  reportedOn: calendarDate().when('reportedToPolice', { is: true, then: Joi.required() }),
});

/** The report `criminalRiskReportSchema` admits. */
export interface CriminalRiskReport {
  measures: string;
  reportedToPolice: boolean;
  policeStation?: string;
  reportedOn?: string;
}

export const registerSchema = Joi.object({
  ...factFields,
  channel: Joi.string().valid(...CHANNELS).required(),
  category: factFields.category.required(),
  title: factFields.title.required(),
  description: factFields.description.required(),
  sourceRef: text(100),
  /** The channel body (court desk, police station …) whose reference `sourceRef` is; required for a linked channel's reference registered at the desk. */
  sourceOrgId: id().allow(null),
  risk: Joi.string().valid(...RISK_LEVELS),
  /** A risk of turning criminal known at registration (第25条): recorded on the case, which is then at least high risk. */
  criminalRisk: criminalRiskReportSchema,
  /** Register at this organization instead of the actor's own (must be in scope). */
  organizationId: id(),
  // Both sides are named from the start: the agreement that may settle the case must name them (人民调解法 第29条).
  parties: Joi.array()
    .items(partySchema)
    .min(2)
    .max(1000) // group disputes: a 500-party case must settle on both engines
    .required()
    .custom((parties: Array<{ role: string }>, h) =>
      parties.some((p) => p.role === 'applicant') && parties.some((p) => p.role === 'respondent') ? parties : h.error('parties.sides'),
    ),
});

/** Required of a written agreement by this project's house rule (Article 29 says "may"); optional for an oral one. */
const writtenOnly = (s: Joi.Schema) => s.when('kind', { is: 'oral', otherwise: Joi.required() });

/** One signature, seal or fingerprint on a written agreement (人民调解法 第29条). */
export const signatureSchema = Joi.object({
  role: Joi.string().valid(...SIGNATORY_ROLES).required(),
  name: text(100).required(),
  partyId: id(),
  userId: id(),
  poolMediatorId: id(),
  signedOn: calendarDate().required(),
});

export const agreementSchema = Joi.object({
  kind: Joi.string().valid(...AGREEMENT_KINDS).default('written'),
  facts: writtenOnly(text(5000)),
  disputes: writtenOnly(text(5000)),
  responsibilities: writtenOnly(text(5000)),
  /** The agreed terms; of an oral agreement, its content (第28条: recorded by the mediator). */
  terms: text(10000).required(),
  amountFen: fen().allow(null),
  performanceMethod: writtenOnly(text(500)),
  performancePlace: text(200),
  performanceDeadline: writtenOnly(calendarDate()),
  /** The day signed (written) or reached (oral). */
  signedOn: calendarDate().required(),
  effectiveOn: calendarDate(),
  committeeName: text(100),
  /** Who signed and when; without it, everyone is taken to have signed and sealed on `signedOn`. */
  signatures: Joi.array().items(signatureSchema).min(1).max(50).when('kind', { is: 'oral', then: Joi.forbidden() }),
});

const empty = Joi.object({});

/** The facts `edit` may change. */
export interface CaseFactsInput {
  category?: Category;
  title?: string;
  description?: string;
  amountFen?: number | null;
  peopleCount?: number;
  placeOrgId?: number | null;
  address?: string | null;
  source?: CaseSource;
  mediationType?: MediationType;
}

/** 委托代理人 as a payload carries it. */
export interface AgentInput {
  name: string;
  authority: AgentAuthority;
  scope?: string;
  phone?: string;
}

/** A party's particulars beyond name and numbers. */
export interface PartyParticularsInput {
  sex?: Sex | null;
  ethnicity?: string | null;
  birthDate?: string | null;
  occupation?: string | null;
  legalRepresentative?: string | null;
  agents?: AgentInput[] | null;
}

/** A mediation agreement (调解协议书) as `settle` carries it; dates are YYYY-MM-DD. */
export interface AgreementInput {
  kind: AgreementKind;
  facts?: string;
  disputes?: string;
  responsibilities?: string;
  terms: string;
  amountFen?: number | null;
  performanceMethod?: string;
  performancePlace?: string;
  performanceDeadline?: string;
  signedOn: string;
  effectiveOn?: string;
  committeeName?: string;
  signatures?: SignatureInput[];
}

/** A signature as `settle` carries it. */
export interface SignatureInput {
  role: SignatoryRole;
  name: string;
  partyId?: number;
  userId?: number;
  poolMediatorId?: number;
  signedOn: string;
}

type Empty = Record<string, never>;

/**
 * The validated payload of each action, as its schema in ACTION_PAYLOADS admits it. Joi cannot
 * infer a type from a schema, so the two are declared side by side: change both together.
 * Each action's effect receives its own payload type.
 */
export interface Payloads {
  accept: { triage: Triage; risk?: RiskLevel; note?: string; responsibleOrgId?: number; responsiblePerson?: string; supervisionDays?: number };
  handleAdministratively: { reply: string; repliedOn: string };
  reject: { reason: string };
  assign: { mediatorId: number; coMediatorIds?: number[] };
  reassign: { mediatorId: number; reason: string };
  startMediation: Empty;
  recordSession: { heldAt: Date; place: string; participants: string; minutes: string; outcome?: string; poolMediatorIds?: number[] };
  suspend: { reason: string; appraisal?: boolean };
  resume: { note?: string };
  extendDeadline: { days?: number; reason: string };
  settle: { agreement: AgreementInput };
  fail: { reason: string };
  lapse: Record<string, never>;
  recordPerformance: { state: PerformanceState; amountPaidFen?: number; note?: string };
  applyConfirmation: { court: string; appliedOn: string };
  recordConfirmation: { result: Exclude<ConfirmationState, 'applied'>; decidedOn: string; rulingNumber?: string; note?: string };
  applyEnforcement: { court: string; appliedOn: string; note?: string };
  followUp: { method: FollowUpMethod; satisfaction: Satisfaction; note?: string };
  closeByCourtDocument: { documentNumber: string; issuedOn: string; note?: string };
  close: { summary?: string };
  refer: { route: ReferRoute; note: string };
  transfer: { toOrganizationId: number; reason: string };
  escalate: { reason: string };
  acknowledge: { note?: string };
  declineTransfer: { reason: string };
  inviteAdviser: { adviserId: number };
  giveOpinion: { title: string; content: string };
  assessRisk: { risk: RiskLevel; reason: string };
  reportCriminalRisk: CriminalRiskReport;
  edit: CaseFactsInput;
  editParty: {
    partyId?: number;
    role?: PartyRole;
    kind?: PartyKind;
    name?: string;
    idNumber?: string | null;
    phone?: string | null;
    address?: string | null;
    creditCode?: string | null;
  } & PartyParticularsInput;
  recordConsent: { consent: ConsentState; on: string; chosenMediator?: string; rightsNotifiedOn?: string; note?: string };
  withdraw: { reason: string };
  reopen: { reason: string };
  archive: Empty;
  openSupervision: { instructions: string; deadlineDays: number };
  closeSupervision: { conclusion: string };
}

/**
 * The payload of every lifecycle action (without `action` and `version`); validated, the payload
 * of action `A` is a `Payloads[A]`. Left untyped here so the API can extend a schema's keys.
 */
export const ACTION_PAYLOADS: Record<ActionName, Joi.ObjectSchema> = {
  // 三事分流: a major matter names its responsible unit and person at once, and is supervised.
  accept: Joi.object({
    triage: Joi.string().valid(...TRIAGE_CLASSES).required(),
    risk: Joi.string().valid(...RISK_LEVELS),
    note: text(500),
    responsibleOrgId: id().when('triage', { is: 'major', then: Joi.required(), otherwise: Joi.forbidden() }),
    responsiblePerson: text(100).when('triage', { is: 'major', then: Joi.required(), otherwise: Joi.forbidden() }),
    supervisionDays: Joi.number().integer().min(1).max(365).when('triage', { is: 'major', otherwise: Joi.forbidden() }),
  }),
  handleAdministratively: Joi.object({ reply: text(5000).required(), repliedOn: calendarDate().required() }),
  reject: Joi.object({ reason: reason() }),
  assign: Joi.object({ mediatorId: id().required(), coMediatorIds: Joi.array().items(id()).max(10).unique() }),
  reassign: Joi.object({ mediatorId: id().required(), reason: reason() }),
  startMediation: empty,
  recordSession: Joi.object({
    heldAt: boundedInstant().required(),
    place: text(200).required(),
    participants: text(2000).required(),
    minutes: text(20000).required(),
    outcome: text(500),
    poolMediatorIds: Joi.array().items(id()).max(10).unique(),
  }),
  // `appraisal`: the pause is an appraisal (鉴定), whose time does not count (医疗纠纷预防和处理条例 第38条).
  suspend: Joi.object({ reason: reason(), appraisal: Joi.boolean() }),
  resume: Joi.object({ note: text(500) }),
  extendDeadline: Joi.object({ days: Joi.number().integer().min(1).max(90), reason: reason() }),
  settle: Joi.object({ agreement: agreementSchema.required() }),
  fail: Joi.object({ reason: reason() }),
  lapse: Joi.object({}),
  recordPerformance: Joi.object({ state: Joi.string().valid(...PERFORMANCE_STATES).required(), amountPaidFen: fen(), note: text(500) }),
  applyConfirmation: Joi.object({ court: text(100).required(), appliedOn: calendarDate().required() }),
  recordConfirmation: Joi.object({
    result: Joi.string().valid(...CONFIRMATION_STATES.filter((s) => s !== 'applied')).required(),
    decidedOn: calendarDate().required(),
    rulingNumber: text(100),
    note: text(500),
  }),
  applyEnforcement: Joi.object({ court: text(100).required(), appliedOn: calendarDate().required(), note: text(500) }),
  closeByCourtDocument: Joi.object({ documentNumber: text(100).required(), issuedOn: calendarDate().required(), note: text(500) }),
  followUp: Joi.object({
    method: Joi.string().valid(...FOLLOW_UP_METHODS).required(),
    satisfaction: Joi.string().valid(...SATISFACTION_LEVELS).required(),
    note: text(500),
  }),
  close: Joi.object({ summary: text(500) }),
  refer: Joi.object({ route: Joi.string().valid(...REFER_ROUTES).required(), note: reason() }),
  transfer: Joi.object({ toOrganizationId: id().required(), reason: reason() }),
  escalate: Joi.object({ reason: reason() }),
  acknowledge: Joi.object({ note: text(500) }),
  declineTransfer: Joi.object({ reason: reason() }),
  inviteAdviser: Joi.object({ adviserId: id().required() }),
  giveOpinion: Joi.object({ title: text(200).required(), content: text(20000).required() }),
  assessRisk: Joi.object({ risk: Joi.string().valid(...RISK_LEVELS).required(), reason: reason() }),
  // 第25条: the measures taken, and whether (and when, and to which station) it was reported to the police.
  reportCriminalRisk: criminalRiskReportSchema,
  edit: Joi.object(factFields).min(1),
  // Without partyId: a new party (role and name required). With it: the given fields of that party change.
  editParty: Joi.object({
    partyId: id(),
    role: Joi.string().valid(...PARTY_ROLES).when('partyId', { not: Joi.exist(), then: Joi.required() }),
    kind: Joi.string().valid(...PARTY_KINDS),
    name: text(100).when('partyId', { not: Joi.exist(), then: Joi.required() }),
    idNumber: idNumber.allow(null),
    phone: Joi.string().trim().pattern(/^[0-9+\-() ]{5,20}$/).allow(null),
    address: text(200).allow(null, ''),
    creditCode: Joi.string().trim().pattern(/^[0-9A-HJ-NPQRTUWXY]{18}$/).allow(null),
    sex: personFields.sex.allow(null),
    ethnicity: personFields.ethnicity.allow(null, ''),
    birthDate: personFields.birthDate.allow(null),
    occupation: personFields.occupation.allow(null, ''),
    legalRepresentative: personFields.legalRepresentative.allow(null, ''),
    agents: personFields.agents.allow(null),
  }).min(1),
  // 第17条: one side's refusal ends it; 第23条: the parties choose or accept the mediator; told their rights and duties.
  recordConsent: Joi.object({
    consent: Joi.string().valid(...CONSENT_STATES).required(),
    on: calendarDate().required(),
    chosenMediator: text(100),
    rightsNotifiedOn: calendarDate(),
    note: text(500),
  }),
  withdraw: Joi.object({ reason: reason() }),
  reopen: Joi.object({ reason: reason() }),
  archive: empty,
  openSupervision: Joi.object({ instructions: text(2000).required(), deadlineDays: Joi.number().integer().min(1).max(365).required() }),
  closeSupervision: Joi.object({ conclusion: reason() }),
};

export interface PartyInput extends PartyParticularsInput {
  role: PartyRole;
  kind: PartyKind;
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  creditCode?: string;
}

export interface RegisterInput {
  channel: (typeof CHANNELS)[number];
  category: Category;
  title: string;
  description: string;
  sourceRef?: string;
  sourceOrgId?: number | null;
  amountFen?: number | null;
  peopleCount?: number;
  placeOrgId?: number | null;
  address?: string | null;
  risk?: (typeof RISK_LEVELS)[number];
  /** 民转刑 known at registration (人民调解法 第25条). */
  criminalRisk?: CriminalRiskReport;
  source?: CaseSource;
  mediationType?: MediationType;
  organizationId?: number;
  parties: PartyInput[];
}
