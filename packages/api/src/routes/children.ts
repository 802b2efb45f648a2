/**
 * The records around a case (parties, history, sessions, agreements …): read-only lists that
 * filter by `caseId`; core's CaseRecordsService shows only children of cases the caller may see.
 * They are written through the case's transitions, never directly.
 */
import type Router from '@koa/router';
import type { CaseRecordKind } from '@tiaojie/core';
import Joi from 'joi';
import type Joi_ from 'joi';
import type { Deps } from '../context';
import type { ApiDoc } from '../openapi';
import * as P from '../presenters';
import { mountResource, positiveId } from '../resources';

const ids = Joi.alternatives(positiveId, Joi.array().items(positiveId).max(1000));
const oneOrMany = (...values: string[]) => Joi.alternatives(Joi.string().valid(...values), Joi.array().items(Joi.string().valid(...values)));

const CHILDREN: Array<{ name: CaseRecordKind; title: string; schema: Joi_.ObjectSchema; sortable: string[]; defaultSort?: [string, 'ASC' | 'DESC']; filter: Joi_.PartialSchemaMap }> = [
  { name: 'parties', title: '当事人 / parties', schema: P.partyOut, sortable: ['id', 'name', 'role'], filter: { caseId: ids, role: oneOrMany('applicant', 'respondent', 'third_party') } },
  { name: 'case-events', title: '案件历史 / history events', schema: P.caseEventOut, sortable: ['seq', 'id', 'at'], defaultSort: ['seq', 'ASC'], filter: { caseId: ids, action: Joi.string().max(40) } },
  { name: 'mediation-sessions', title: '调解记录 / sessions', schema: P.sessionOut, sortable: ['heldAt', 'id'], filter: { caseId: ids } },
  { name: 'agreements', title: '调解协议 / agreements', schema: P.agreementOut, sortable: ['id', 'signedOn'], filter: { caseId: ids } },
  { name: 'judicial-confirmations', title: '司法确认 / judicial confirmations', schema: P.confirmationOut, sortable: ['id', 'appliedOn'], filter: { caseId: ids, state: oneOrMany('applied', 'confirmed', 'rejected') } },
  { name: 'performance-records', title: '履行情况 / performance records', schema: P.performanceOut, sortable: ['id', 'recordedAt'], filter: { caseId: ids, state: oneOrMany('performed', 'partly', 'not_performed') } },
  { name: 'follow-ups', title: '回访 / follow-ups', schema: P.followUpOut, sortable: ['id', 'at'], filter: { caseId: ids } },
  { name: 'transfers', title: '移交 / transfers', schema: P.transferOut, sortable: ['id', 'createdAt'], filter: { caseId: ids, state: oneOrMany('pending', 'acknowledged', 'declined', 'cancelled'), toOrgId: positiveId } },
  { name: 'supervisions', title: '督办 / supervision orders', schema: P.supervisionOut, sortable: ['id', 'openedAt', 'deadlineAt'], filter: { caseId: ids, state: oneOrMany('open', 'closed') } },
  { name: 'legal-opinions', title: '法律意见 / legal opinions', schema: P.legalOpinionOut, sortable: ['id', 'createdAt'], filter: { caseId: ids, adviserId: positiveId } },
];

const WRITE_THROUGH = {
  zh: '该记录随案件流程操作产生，不能直接修改或删除；请使用 POST /api/cases/:id/transitions',
  en: 'These records are written by the case’s lifecycle actions; use POST /api/cases/:id/transitions',
};

export function mountChildren(router: Router, doc: ApiDoc, deps: Deps) {
  const records = deps.tj.caseRecords;
  for (const c of CHILDREN) {
    mountResource(router, doc, deps, {
      name: c.name,
      tag: 'case records',
      title: c.title,
      reads: { list: (actor, q) => records.list(c.name, actor, q), get: (actor, id) => records.get(c.name, actor, id) },
      presenter: P.plain(c.schema),
      list: { sortable: c.sortable, defaultSort: c.defaultSort ?? ['id', 'DESC'], filter: c.filter },
      remove: { refuse: WRITE_THROUGH },
    });
  }
}
