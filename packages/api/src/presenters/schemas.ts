/**
 * Response schemas: the fields each resource answers, and nothing else. A presenter copies exactly
 * these keys from a record (a new column stays private until it is added here), the OpenAPI
 * document shows them as the 200/201 body, and the contract test refuses any other key.
 */
import { ACTION_NAMES, CASE_SOURCES, CASE_STATUSES, CHANNELS, MEDIATION_TYPES, DAY_KINDS, ROLES, STATS_CATEGORIES } from '@tiaojie/core';
import Joi from 'joi';

const id = () => Joi.number().integer().min(1);
const nid = () => id().allow(null);
const int = () => Joi.number().integer();
const nint = () => int().allow(null);
const str = () => Joi.string().allow('');
const nstr = () => str().allow(null);
const time = () => Joi.date().iso();
const ntime = () => time().allow(null);
const bool = () => Joi.boolean();
const day = () => Joi.string().pattern(/^\d{4}-\d{2}-\d{2}$/);
const nday = () => day().allow(null);
const obj = (keys: Joi.PartialSchemaMap, label: string) => Joi.object(keys).label(label);

export const organizationOut = obj(
  { id: id(), name: str(), type: str(), parentId: nid(), path: str(), depth: int(), regionCode: nstr(), caseNumberPrefix: nstr(), caseNumberFormat: nstr(), serialPadding: int(), channel: nstr(), active: bool(), version: int(), createdAt: time(), updatedAt: time() },
  'Organization',
);

const userKeys = { id: id(), username: str(), displayName: str(), roles: Joi.array().items(Joi.string().valid(...ROLES)), organizationId: id(), phone: nstr(), active: bool(), createdAt: time(), updatedAt: time(), version: int() };
export const userOut = obj(userKeys, 'User');
export const meOut = obj({ ...userKeys, organizationName: nstr(), villageIds: Joi.array().items(id()) }, 'Me');
export const loginOut = obj({ token: str(), user: userOut }, 'Login');

export const slaPolicyOut = obj(
  {
    id: id(), name: str(), channel: Joi.string().valid(...CHANNELS).allow(null), category: nstr(),
    acceptDays: int(), mediateDays: int(), extensionDays: int(), followUpDays: int(), confirmationDays: int(), yellowPercent: int(), active: bool(), version: int(),
  },
  'SlaPolicy',
);
/** A dispute category of the deployment (纠纷类型) and its statistics category. */
export const disputeCategoryOut = obj(
  {
    id: id(), code: str(), name: str(), statsCategory: Joi.string().valid(...STATS_CATEGORIES), active: bool(), sortOrder: int(),
    mediateDays: nint(), dayKind: Joi.string().valid(...DAY_KINDS), overdueFails: bool(), version: int(),
  },
  'DisputeCategory',
);
export const subsidyPolicyOut = obj({ id: id(), name: str(), complexity: str(), result: str(), amountFen: int(), validFrom: day(), validTo: nday(), version: int() }, 'SubsidyPolicy');

const apiKeyKeys = { id: id(), name: str(), organizationId: id(), channel: str(), prefix: str(), createdById: id(), createdAt: time(), revokedAt: ntime(), lastUsedAt: ntime() };
export const apiKeyOut = obj(apiKeyKeys, 'ApiKey');
/** The issued key, in full, once. */
export const apiKeyIssuedOut = obj({ ...apiKeyKeys, key: str() }, 'ApiKeyIssued');

export const assignmentOut = obj({ id: id(), adviserId: id(), villageId: id(), startsOn: day(), endsOn: day(), note: nstr(), version: int() }, 'AdviserAssignment');
export const consultationOut = obj(
  { id: id(), adviserId: id(), villageId: id(), at: time(), personName: str(), personPhoneMasked: nstr(), category: str(), question: str(), answer: str(), caseId: nid(), version: int(), createdAt: time() },
  'Consultation',
);
export const auditEventOut = obj(
  { id: id(), at: time(), actorId: nid(), actorName: str(), entity: str(), entityId: id(), action: str(), organizationId: nid(), before: Joi.object().unknown(true).allow(null), after: Joi.object().unknown(true).allow(null) },
  'AuditEvent',
);

const caseKeys = {
  id: id(), caseNumber: str(), registeringOrgId: id(), year: int(), serial: int(), channel: Joi.string().valid(...CHANNELS), sourceRef: nstr(), sourceOrgId: nid(),
  source: Joi.string().valid(...CASE_SOURCES), mediationType: Joi.string().valid(...MEDIATION_TYPES), consent: nstr(), consentOn: nday(), chosenMediator: nstr(), rightsNotifiedOn: nday(),
  category: str(), title: str(), description: str(), amountFen: nint(), peopleCount: int(), placeOrgId: nid(), address: nstr(),
  status: Joi.string().valid(...CASE_STATUSES), triage: nstr(), risk: str(), handlingOrgId: id(), mediatorId: nid(), adviserId: nid(), reporterId: nid(), createdById: nid(),
  clockStage: nstr(), clockStartedAt: ntime(), yellowAt: ntime(), deadlineAt: ntime(), extended: bool(), confirmationDeadlineAt: ntime(),
  registeredAt: time(), acceptedAt: ntime(), settledAt: ntime(), closedAt: ntime(), closeRoute: nstr(), resultSummary: nstr(), followedUp: bool(), performance: nstr(),
  responsibleOrgId: nid(), responsiblePerson: nstr(), administrativeReply: nstr(), administrativeReplyOn: nday(),
  enforcementCourt: nstr(), enforcementAppliedOn: nday(), courtDocumentNumber: nstr(), courtDocumentOn: nday(),
  supervised: bool(), pendingTransferId: nid(), unacknowledgedTransfers: int(), flagged: bool(), version: int(), updatedAt: time(),
  // Computed for the reader.
  light: Joi.string().valid('green', 'yellow', 'red').allow(null), handlingOrgName: nstr(), registeringOrgName: nstr(), placeOrgName: nstr(), mediatorName: nstr(), adviserName: nstr(), pendingTransfer: bool(),
};
export const caseOut = obj(caseKeys, 'Case');

/** What a channel learns about the case it sent: where it stands and how it ended. */
export const channelCaseOut = obj(
  {
    id: id(), caseNumber: str(), channel: str(), sourceRef: nstr(), status: str(), registeredAt: time(), acceptedAt: ntime(), settledAt: ntime(), closedAt: ntime(),
    closeRoute: nstr(), resultSummary: nstr(), performance: nstr(), updatedAt: time(),
  },
  'ChannelCase',
);

const partyKeys = { id: id(), caseId: id(), role: str(), kind: str(), name: str(), idNumberMasked: nstr(), phoneMasked: nstr(), address: nstr(), creditCode: nstr(),
  sex: nstr(), ethnicity: nstr(), birthDate: nday(), occupation: nstr(), legalRepresentative: nstr(), agents: Joi.array().items(Joi.object().unknown(true)).allow(null), createdAt: time() };
export const partyOut = obj(partyKeys, 'Party');
/** With `reveal=1`: the full ID number and phone too. */
export const partyRevealedOut = obj({ ...partyKeys, idNumber: nstr(), phone: nstr() }, 'PartyRevealed');

export const caseEventOut = obj(
  {
    id: id(), caseId: id(), seq: int(), action: str(), actorId: nint(), actorName: str(), at: time(), fromStatus: nstr(), toStatus: str(),
    changes: Joi.object().unknown(true), payload: Joi.object().unknown(true), prevHash: str(), hash: str(),
  },
  'CaseEvent',
);
export const sessionOut = obj({ id: id(), caseId: id(), heldAt: time(), place: str(), participants: str(), minutes: str(), outcome: nstr(), recordedById: id(), createdAt: time() }, 'MediationSession');
export const agreementOut = obj(
  {
    id: id(), caseId: id(), kind: Joi.string().valid('written', 'oral'), agreementNumber: nstr(), organizationId: nid(), year: nint(), serial: nint(), committeeName: nstr(),
    parties: Joi.array().items(Joi.object().unknown(true)), signatures: Joi.array().items(Joi.object().unknown(true)).allow(null),
    facts: nstr(), disputes: nstr(), responsibilities: nstr(), terms: str(), amountFen: nint(),
    performanceMethod: nstr(), performancePlace: nstr(), performanceDeadline: nday(), signedOn: day(), effectiveOn: day(), mediatorId: id(), createdAt: time(),
  },
  'Agreement',
);
export const confirmationOut = obj({ id: id(), caseId: id(), court: str(), appliedOn: day(), state: str(), decidedOn: nday(), rulingNumber: nstr(), note: nstr(), createdAt: time(), updatedAt: time() }, 'JudicialConfirmation');
export const performanceOut = obj({ id: id(), caseId: id(), state: str(), amountPaidFen: nint(), note: nstr(), recordedById: id(), recordedAt: time() }, 'PerformanceRecord');
export const followUpOut = obj({ id: id(), caseId: id(), method: str(), satisfaction: str(), note: nstr(), byId: id(), at: time() }, 'FollowUp');
export const transferOut = obj(
  { id: id(), caseId: id(), kind: str(), fromOrgId: id(), toOrgId: id(), reason: str(), state: str(), createdById: id(), createdAt: time(), acknowledgedById: nid(), acknowledgedAt: ntime() },
  'Transfer',
);
export const supervisionOut = obj(
  { id: id(), caseId: id(), instructions: str(), deadlineAt: time(), state: str(), openedById: id(), openedAt: time(), closedById: nid(), closedAt: ntime(), conclusion: nstr() },
  'SupervisionOrder',
);
export const legalOpinionOut = obj({ id: id(), caseId: id(), adviserId: id(), title: str(), content: str(), createdAt: time() }, 'LegalOpinion');

export const actionsOut = obj({ actions: Joi.array().items(Joi.string().valid(...ACTION_NAMES)) }, 'Actions');
export const healthOut = obj({ status: Joi.string().valid('ok'), database: Joi.string().valid('ok'), engine: Joi.string().valid('sqlite', 'mysql') }, 'Health');
export const dashboardOut = obj(
  {
    red: int(), yellow: int(), openSupervisions: int(), highRisk: int(), myQueue: int(),
    myQueueByLight: obj({ green: int(), yellow: int(), red: int(), none: int() }, 'QueueByLight'),
    newByChannel: Joi.array().items(obj({ week: day(), channel: Joi.string().valid(...CHANNELS), count: int() }, 'WeekChannelCount')),
    at: str(),
  },
  'Dashboard',
);

/** A list answer: an array of one schema. */
export const listOf = (schema: Joi.ObjectSchema) => Joi.array().items(schema);
