/**
 * The records around a case (parties, history, sessions, agreements …): read-only lists that
 * filter by `caseId` and only ever show children of cases the caller may see. They are written
 * through the case's transitions, never directly.
 */
import type Router from '@koa/router';
import {
  Agreement, CaseEvent, FollowUp, JudicialConfirmation, LegalOpinion, MediationCase, MediationSession, Party, PerformanceRecord, scopeCases,
  SupervisionOrder, Transfer, type Actor,
} from '@tiaojie/core';
import Joi from 'joi';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Deps } from '../context';
import type { ApiDoc } from '../openapi';
import { mountResource, positiveId } from '../resources';

const ids = Joi.alternatives(positiveId, Joi.array().items(positiveId).max(1000));
const oneOrMany = (...values: string[]) => Joi.alternatives(Joi.string().valid(...values), Joi.array().items(Joi.string().valid(...values)));

/** Only children of cases in the actor's scope. */
function viaCase<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, alias: string, actor: Actor) {
  qb.innerJoin(MediationCase, 'sc', `sc.id = ${alias}.caseId`);
  scopeCases(qb, 'sc', actor);
}

const CHILDREN = [
  { name: 'parties', title: '当事人 / parties', entity: Party, sortable: ['id', 'name', 'role'], filter: { caseId: ids, role: oneOrMany('applicant', 'respondent', 'third_party') } },
  { name: 'case-events', title: '案件历史 / history events', entity: CaseEvent, sortable: ['seq', 'id', 'at'], defaultSort: ['seq', 'ASC'], filter: { caseId: ids, action: Joi.string().max(40) } },
  { name: 'mediation-sessions', title: '调解记录 / sessions', entity: MediationSession, sortable: ['heldAt', 'id'], filter: { caseId: ids } },
  { name: 'agreements', title: '调解协议 / agreements', entity: Agreement, sortable: ['id', 'signedOn'], filter: { caseId: ids } },
  { name: 'judicial-confirmations', title: '司法确认 / judicial confirmations', entity: JudicialConfirmation, sortable: ['id', 'appliedOn'], filter: { caseId: ids, state: oneOrMany('applied', 'confirmed', 'rejected') } },
  { name: 'performance-records', title: '履行情况 / performance records', entity: PerformanceRecord, sortable: ['id', 'recordedAt'], filter: { caseId: ids, state: oneOrMany('performed', 'partly', 'not_performed') } },
  { name: 'follow-ups', title: '回访 / follow-ups', entity: FollowUp, sortable: ['id', 'at'], filter: { caseId: ids } },
  { name: 'transfers', title: '移交 / transfers', entity: Transfer, sortable: ['id', 'createdAt'], filter: { caseId: ids, state: oneOrMany('pending', 'acknowledged', 'cancelled'), toOrgId: positiveId } },
  { name: 'supervisions', title: '督办 / supervision orders', entity: SupervisionOrder, sortable: ['id', 'openedAt', 'deadlineAt'], filter: { caseId: ids, state: oneOrMany('open', 'closed') } },
  { name: 'legal-opinions', title: '法律意见 / legal opinions', entity: LegalOpinion, sortable: ['id', 'createdAt'], filter: { caseId: ids, adviserId: positiveId } },
] as const;

const WRITE_THROUGH = {
  zh: '该记录随案件流程操作产生，不能直接修改或删除；请使用 POST /api/cases/:id/transitions',
  en: 'These records are written by the case’s lifecycle actions; use POST /api/cases/:id/transitions',
};

export function mountChildren(router: Router, doc: ApiDoc, deps: Deps) {
  for (const c of CHILDREN) {
    mountResource(router, doc, deps, {
      name: c.name,
      tag: 'case records',
      title: c.title,
      entity: c.entity as { new (): ObjectLiteral & { id: number } },
      list: { sortable: c.sortable, defaultSort: 'defaultSort' in c ? (c.defaultSort as [string, 'ASC']) : ['id', 'DESC'], filter: c.filter },
      scope: viaCase,
      remove: { refuse: WRITE_THROUGH },
    });
  }
}
