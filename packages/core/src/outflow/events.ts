/**
 * The events a case sends out: their types, derived from the history event's action, and their
 * payload, the channel view of the case. Versioned: a change that removes or renames a field
 * raises SCHEMA_VERSION; adding a field does not.
 */
import Joi from 'joi';
import { CASE_STATUSES, CHANNELS, CLOSE_ROUTES } from '../shared/vocabulary';
import type { CaseStatus, Channel, CloseRoute } from '../shared/vocabulary';

/** The payload schema version every webhook body carries as `schemaVersion`. */
export const EVENT_SCHEMA_VERSION = 1;

/** History action → event type. Actions not listed (sessions, edits, opinions …) are internal and send nothing. */
export const ACTION_EVENT_TYPES = {
  register: 'case.registered',
  accept: 'case.accepted',
  reject: 'case.rejected',
  assign: 'case.assigned',
  startMediation: 'case.mediation_started',
  suspend: 'case.suspended',
  resume: 'case.resumed',
  settle: 'case.settled',
  fail: 'case.failed',
  recordPerformance: 'case.performance_recorded',
  recordConfirmation: 'case.confirmation_recorded',
  followUp: 'case.followed_up',
  close: 'case.closed',
  refer: 'case.closed',
  closeByCourtDocument: 'case.closed',
  handleAdministratively: 'case.closed',
  transfer: 'case.transferred',
  escalate: 'case.transferred',
  withdraw: 'case.withdrawn',
  reopen: 'case.reopened',
  archive: 'case.archived',
} as const;

export type CaseEventType = (typeof ACTION_EVENT_TYPES)[keyof typeof ACTION_EVENT_TYPES];

/** Every event type, once, in lifecycle order. */
export const CASE_EVENT_TYPES = [...new Set(Object.values(ACTION_EVENT_TYPES))] as CaseEventType[];

/** The event type a history action sends, or null for an internal action. */
export function eventTypeOf(action: string): CaseEventType | null {
  return (ACTION_EVENT_TYPES as Record<string, CaseEventType>)[action] ?? null;
}

const ntime = () => Joi.date().iso().allow(null);

/**
 * What a channel learns about a case: where it stands and how it ended. Never the internal
 * record (organizations, staff, clock, risk) and no personal data: the channel sent the parties.
 */
export const channelCaseSchema = Joi.object({
  id: Joi.number().integer().min(1).required(),
  caseNumber: Joi.string().required(),
  channel: Joi.string().valid(...CHANNELS).required(),
  sourceRef: Joi.string().allow(null).required(),
  status: Joi.string().valid(...CASE_STATUSES).required(),
  registeredAt: Joi.date().iso().required(),
  acceptedAt: ntime().required(),
  settledAt: ntime().required(),
  closedAt: ntime().required(),
  closeRoute: Joi.string().valid(...CLOSE_ROUTES).allow(null).required(),
  resultSummary: Joi.string().allow('', null).required(),
  performance: Joi.string().allow(null).required(),
  updatedAt: Joi.date().iso().required(),
}).label('ChannelCase');

/** The channel view of a case. */
export type ChannelCase = {
  id: number;
  caseNumber: string;
  channel: Channel;
  sourceRef: string | null;
  status: CaseStatus;
  registeredAt: string;
  acceptedAt: string | null;
  settledAt: string | null;
  closedAt: string | null;
  closeRoute: CloseRoute | null;
  resultSummary: string | null;
  performance: string | null;
  updatedAt: string;
};

/** The case fields the channel view is made of (a MediationCase row fits; no entity import, so the admin can import this file). */
export type ChannelCaseSource = Omit<ChannelCase, 'registeredAt' | 'acceptedAt' | 'settledAt' | 'closedAt' | 'updatedAt'> & Record<'registeredAt' | 'updatedAt', Date | string> & Record<'acceptedAt' | 'settledAt' | 'closedAt', Date | string | null>;

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

/** The channel view of a case row (dates as ISO strings, as JSON sends them). */
export function channelView(c: ChannelCaseSource): ChannelCase {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    channel: c.channel,
    sourceRef: c.sourceRef,
    status: c.status,
    registeredAt: iso(c.registeredAt)!,
    acceptedAt: iso(c.acceptedAt),
    settledAt: iso(c.settledAt),
    closedAt: iso(c.closedAt),
    closeRoute: c.closeRoute,
    resultSummary: c.resultSummary,
    performance: c.performance,
    updatedAt: iso(c.updatedAt)!,
  };
}

/** The body of a webhook delivery and what in-process subscribers receive. */
export interface CaseOutcomeEvent<T extends CaseEventType = CaseEventType> {
  /** `<caseId>-<sequence>`: the same for every subscriber (each delivery has its own id too). */
  id: string;
  type: T;
  schemaVersion: typeof EVENT_SCHEMA_VERSION;
  occurredAt: string;
  /** The event's place in its case's history: deliveries of a case arrive in this order. */
  sequence: number;
  case: ChannelCase;
}

/** The webhook body (`CaseEvent` in the OpenAPI document). */
export const caseOutcomeEventSchema = Joi.object({
  id: Joi.string().pattern(/^\d+-\d+$/).required(),
  type: Joi.string().valid(...CASE_EVENT_TYPES).required(),
  schemaVersion: Joi.number().valid(EVENT_SCHEMA_VERSION).required(),
  occurredAt: Joi.date().iso().required(),
  sequence: Joi.number().integer().min(1).required(),
  case: channelCaseSchema.required(),
}).label('CaseOutcomeEvent');
