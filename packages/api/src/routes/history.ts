/** GET /api/cases/:id/history/verify: is a case's history intact (chain and sealed head)? */
import type Router from '@koa/router';
import type { Ctx, Deps } from '../context';
import type { ApiDoc } from '../openapi';
import { historyVerdictOut, pick } from '../presenters';
import { idParam } from '../resources';

export function mountHistoryVerify(router: Router, doc: ApiDoc, deps: Deps) {
  router.get('/cases/:id/history/verify', async (ctx: Ctx) => {
    ctx.body = pick(historyVerdictOut, await deps.tj.cases.verifyHistoryAs(ctx.state.actor, idParam(ctx)));
  });
  doc.add({
    method: 'get',
    path: '/cases/:id/history/verify',
    tag: 'cases',
    summary: '核验案件历史 / verify a case’s history (admins in scope)',
    description: 'Recomputes the hash chain and checks it against the head sealed with the history key: `{ ok: true, events }` or `{ ok: false, brokenAtSeq, reason }` with reason hash, link, sequence, anchor (edited and recomputed), truncated or unanchored.',
    responses: { 200: { description: '{ ok, events } | { ok: false, brokenAtSeq, reason }', schema: historyVerdictOut }, 403: '仅管理员 / admins only', 404: '案件不存在或不在管辖范围 / not found or out of scope' },
  });
}
