/**
 * Response schemas: the fields each resource answers, and nothing else. A presenter copies exactly
 * these keys from a record (a new column stays private until it is added here), the OpenAPI
 * document shows them as the 200/201 body, and the contract test refuses any other key.
 */
import { ACTION_NAMES, ATTACHMENT_CATEGORIES, CASE_SOURCES, CASE_STATUSES, CHANNELS, DAY_KINDS, DELIVERY_STATES, DOCUMENT_KINDS, MEDIATION_TYPES, POOL_MEDIATOR_KINDS, ROLES, STATS_CATEGORIES } from '@tiaojie/core';
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
    id: id(), organizationId: id(), organizationName: nstr(), name: str(), channel: Joi.string().valid(...CHANNELS).allow(null), category: nstr(),
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
/** A mediator of the pool outside the staff; the phone masked. */
export const poolMediatorOut = obj(
  { id: id(), name: str(), kind: Joi.string().valid(...POOL_MEDIATOR_KINDS), specialty: nstr(), areaOrgId: nid(), phoneMasked: nstr(), active: bool(), version: int(), createdAt: time() },
  'PoolMediator',
);
/** A day of the working-day calendar that is not what its weekday says (holiday, or 调休 working day). */
export const holidayOut = obj({ id: id(), day: day(), kind: Joi.string().valid('holiday', 'workday'), name: str(), version: int() }, 'Holiday');
export const subsidyPolicyOut = obj({ id: id(), organizationId: id(), organizationName: nstr(), name: str(), complexity: str(), result: str(), amountFen: int(), validFrom: day(), validTo: nday(), version: int() }, 'SubsidyPolicy');
const nrisk = () => Joi.string().allow(null);
export const subsidyGradingOut = obj({
  id: id(), organizationId: id(), organizationName: nstr(), name: str(),
  majorPeople: nint(), majorAmountFen: nint(), majorRisk: nrisk(), difficultPeople: nint(), difficultAmountFen: nint(), difficultRisk: nrisk(), difficultCrossArea: bool(),
  ordinaryPeople: nint(), ordinaryAmountFen: nint(), ordinaryRisk: nrisk(), validFrom: day(), validTo: nday(), version: int(),
}, 'SubsidyGrading');

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
  supervised: bool(), criminalRisk: bool(), pendingTransferId: nid(), unacknowledgedTransfers: int(), flagged: bool(), version: int(), updatedAt: time(),
  // Computed for the reader.
  light: Joi.string().valid('green', 'yellow', 'red').allow(null), handlingOrgName: nstr(), registeringOrgName: nstr(), placeOrgName: nstr(), mediatorName: nstr(), adviserName: nstr(), pendingTransfer: bool(), sourceOrgName: nstr(),
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
export const sessionOut = obj(
  { id: id(), caseId: id(), heldAt: time(), place: str(), participants: str(), minutes: str(), outcome: nstr(), poolMediatorIds: Joi.array().items(id()).allow(null), recordedById: id(), createdAt: time() },
  'MediationSession',
);
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
  {
    id: id(), caseId: id(), kind: str(), fromOrgId: id(), toOrgId: id(), reason: str(), state: str(), createdById: id(), createdAt: time(), acknowledgedById: nid(), acknowledgedAt: ntime(),
    declinedById: nid(), declinedAt: ntime(), declineReason: nstr(),
  },
  'Transfer',
);
/** An organization a case may be handed over to now (it has a member who may acknowledge). */
export const transferTargetOut = obj({ id: id(), name: str(), type: str(), parentId: nid(), path: str() }, 'TransferTarget');
export const supervisionOut = obj(
  { id: id(), caseId: id(), instructions: str(), deadlineAt: time(), state: str(), openedById: id(), openedAt: time(), closedById: nid(), closedAt: ntime(), conclusion: nstr() },
  'SupervisionOrder',
);
export const legalOpinionOut = obj({ id: id(), caseId: id(), adviserId: id(), title: str(), content: str(), createdAt: time() }, 'LegalOpinion');

/** A file uploaded to a case (the bytes at /attachments/:id/content). */
export const attachmentOut = obj(
  {
    id: id(), caseId: id(), sessionId: nid(), agreementId: nid(), category: Joi.string().valid(...ATTACHMENT_CATEGORIES), fileName: str(), mimeType: str(), size: int(), sha256: str(),
    note: nstr(), uploadedById: id(), uploadedByName: str(), uploadedAt: time(), supersedesId: nid(), supersededById: nid(), withdrawnAt: ntime(), withdrawnById: nid(), withdrawReason: nstr(),
  },
  'Attachment',
);
/** A paper the case can print now (GET /cases/:id/documents/:kind answers its DOCX). */
export const documentOfferOut = obj(
  { kind: Joi.string().valid(...DOCUMENT_KINDS), sessionId: nid(), title: str(), date: nday(), fileName: str() },
  'DocumentOffer',
);

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
export const historyVerdictOut = obj(
  {
    ok: bool(),
    events: nint(),
    brokenAtSeq: nint(),
    reason: Joi.string().valid('hash', 'link', 'sequence', 'anchor', 'truncated', 'unanchored').allow(null),
  },
  'HistoryVerdict',
);
export const listOf = (schema: Joi.ObjectSchema) => Joi.array().items(schema);

// Outcomes flowing out: webhook subscriptions, their deliveries, staff notifications.
const webhookKeys = {
  id: id(), name: str(), organizationId: id(), scope: Joi.string().valid('sent', 'subtree'), url: str(), eventTypes: Joi.array().items(Joi.string()), active: bool(),
  createdById: nid(), createdAt: time(), updatedAt: time(), version: int(),
};
export const webhookOut = obj(webhookKeys, 'WebhookSubscription');
/** The new subscription with its signing secret, answered once. */
export const webhookCreatedOut = obj({ ...webhookKeys, secret: str() }, 'WebhookSubscriptionCreated');
export const webhookDeliveryOut = obj(
  {
    id: id(), subscriptionId: id(), outboxEventId: id(), caseId: id(), seq: int(), eventType: str(), state: Joi.string().valid(...DELIVERY_STATES), attempts: int(),
    nextAttemptAt: time(), lastStatus: nint(), lastError: nstr(), deliveredAt: ntime(), createdAt: time(), updatedAt: time(),
  },
  'WebhookDelivery',
);
export const notificationOut = obj({ id: id(), userId: id(), kind: str(), caseId: nid(), message: str(), createdAt: time(), readAt: ntime() }, 'Notification');
export const unreadCountOut = obj({ count: int() }, 'UnreadCount');
export const markedReadOut = obj({ marked: int() }, 'MarkedRead');
export const partyMessageOut = obj(
  { id: id(), caseId: id(), partyId: id(), kind: Joi.string().valid('acceptance', 'session', 'follow_up'), toMasked: str(), text: str(), state: Joi.string().valid('pending', 'sent', 'failed'), gatewayRef: nstr(), error: nstr(), createdAt: time(), sentAt: ntime() },
  'PartyMessage',
);
export const messageTemplatesOut = obj({ acceptance: str(), session: str(), follow_up: str() }, 'MessageTemplates');
