/**
 * The records around a case (parties, history, sessions, agreements …): read-only lists that
 * filter by `caseId`; core's CaseRecordsService shows only children of cases the caller may see.
 * They are written through the case's transitions, never directly. Sorts and filters are core's
 * (`caseRecords.listSpec(kind)`).
 */
import type Router from '@koa/router';
import type { CaseRecordKind } from '@tiaojie/core';
import type Joi from 'joi';
import type { Deps } from '../context';
import type { ApiDoc } from '../openapi';
import * as P from '../presenters';
import { mountResource } from '../resources';

const CHILDREN: Array<{ name: CaseRecordKind; title: string; schema: Joi.ObjectSchema }> = [
  { name: 'parties', title: '当事人 / parties', schema: P.partyOut },
  { name: 'case-events', title: '案件历史 / history events', schema: P.caseEventOut },
  { name: 'mediation-sessions', title: '调解记录 / sessions', schema: P.sessionOut },
  { name: 'agreements', title: '调解协议 / agreements', schema: P.agreementOut },
  { name: 'judicial-confirmations', title: '司法确认 / judicial confirmations', schema: P.confirmationOut },
  { name: 'performance-records', title: '履行情况 / performance records', schema: P.performanceOut },
  { name: 'follow-ups', title: '回访 / follow-ups', schema: P.followUpOut },
  { name: 'transfers', title: '移交 / transfers', schema: P.transferOut },
  { name: 'supervisions', title: '督办 / supervision orders', schema: P.supervisionOut },
  { name: 'legal-opinions', title: '法律意见 / legal opinions', schema: P.legalOpinionOut },
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
      list: records.listSpec(c.name),
      remove: { refuse: WRITE_THROUGH },
    });
  }
}
