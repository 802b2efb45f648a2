import { DataSource, ObjectLiteral } from 'typeorm';
import { LegalOpinion } from '../advisers/legal-opinion.entity';
import { CaseEvent } from '../history/case-event.entity';
import { Party } from '../parties/party.entity';
import Joi from 'joi';
import { eqFilter, FilterSpec, getRow, idsValue, idValue, listRows, ListQuery, ListSpec, listSpecOf, oneOrMany, Page, ReadSpec, viaCase } from '../shared/listing';
import { Agreement } from './agreement.entity';
import { FollowUp } from './follow-up.entity';
import { JudicialConfirmation } from './judicial-confirmation.entity';
import type { Actor } from './lifecycle';
import { MediationSession } from './mediation-session.entity';
import { PerformanceRecord } from './performance-record.entity';
import { SupervisionOrder } from './supervision-order.entity';
import { Transfer } from './transfer.entity';

const spec = <E extends ObjectLiteral>(name: string, entity: { new (): E }, sortable: string[], filters: Record<string, FilterSpec>, defaultSort: [string, 'ASC' | 'DESC'] = ['id', 'DESC']): ReadSpec<E> => ({
  name,
  entity,
  scope: viaCase,
  sortable,
  defaultSort,
  filters: { caseId: eqFilter(idsValue), ...filters },
});

/** The records around a case, each read through the case's own scope. */
export const CASE_RECORDS = {
  parties: spec('party', Party, ['id', 'name', 'role'], { role: eqFilter(oneOrMany('applicant', 'respondent', 'third_party')) }),
  'case-events': spec('case-event', CaseEvent, ['seq', 'id', 'at'], { action: eqFilter(Joi.string().max(40)) }, ['seq', 'ASC']),
  'mediation-sessions': spec('mediation-session', MediationSession, ['heldAt', 'id'], {}),
  agreements: spec('agreement', Agreement, ['id', 'signedOn'], {}),
  'judicial-confirmations': spec('judicial-confirmation', JudicialConfirmation, ['id', 'appliedOn'], { state: eqFilter(oneOrMany('applied', 'confirmed', 'rejected')) }),
  'performance-records': spec('performance-record', PerformanceRecord, ['id', 'recordedAt'], { state: eqFilter(oneOrMany('performed', 'partly', 'not_performed')) }),
  'follow-ups': spec('follow-up', FollowUp, ['id', 'at'], {}),
  transfers: spec('transfer', Transfer, ['id', 'createdAt'], { state: eqFilter(oneOrMany('pending', 'acknowledged', 'declined', 'cancelled')), toOrgId: eqFilter(idValue) }),
  supervisions: spec('supervision', SupervisionOrder, ['id', 'openedAt', 'deadlineAt'], { state: eqFilter(oneOrMany('open', 'closed')) }),
  'legal-opinions': spec('legal-opinion', LegalOpinion, ['id', 'createdAt'], { adviserId: eqFilter(idValue) }),
};

export type CaseRecordKind = keyof typeof CASE_RECORDS;
type RowOf<K extends CaseRecordKind> = (typeof CASE_RECORDS)[K] extends ReadSpec<infer E> ? E : never;

/**
 * Reads of a case's child records (parties, history events, sessions, agreements …), only ever
 * of cases the actor may see. They are written by the case's lifecycle actions, never directly.
 */
export class CaseRecordsService {
  constructor(private readonly ds: DataSource) {}

  /** Sort fields and filter keys of one kind, for callers that validate a query first. */
  spec(kind: CaseRecordKind): ReadSpec<ObjectLiteral> {
    return CASE_RECORDS[kind] as unknown as ReadSpec<ObjectLiteral>;
  }

  /** One kind's sorts and filters (the API checks a query against them before calling `list`). */
  listSpec(kind: CaseRecordKind): ListSpec {
    return listSpecOf(CASE_RECORDS[kind] as unknown as ReadSpec<ObjectLiteral>);
  }

  list<K extends CaseRecordKind>(kind: K, actor: Actor, query?: ListQuery): Promise<Page<RowOf<K>>> {
    return listRows(this.ds.manager, CASE_RECORDS[kind] as unknown as ReadSpec<RowOf<K>>, actor, query);
  }

  /** @throws NotFoundError (also outside the actor's scope) */
  get<K extends CaseRecordKind>(kind: K, actor: Actor, id: number): Promise<RowOf<K>> {
    return getRow(this.ds.manager, CASE_RECORDS[kind] as unknown as ReadSpec<RowOf<K>>, actor, id);
  }
}
