/** GET /api/cases/:id/history/verify: is a case's history intact (chain and sealed head)? */
import type Router from '@koa/router';
import type { Ctx, Deps } from '../context';
import { forbidden } from '../errors';
import type { ApiDoc } from '../openapi';
import { hasRole, idParam } from '../resources';

export function mountHistoryVerify(router: Router, doc: ApiDoc, deps: Deps) {
  router.get('/cases/:id/history/verify', async (ctx: Ctx) => {
    const id = idParam(ctx);
    if (!hasRole(ctx.state.actor, ['admin'])) throw forbidden();
    await deps.tj.cases.get(ctx.state.actor, id); // 404 outside the admin's scope
    ctx.body = await deps.tj.cases.verifyHistory(id);
  });
  doc.add({
    method: 'get',
    path: '/cases/:id/history/verify',
    tag: 'cases',
    summary: '核验案件历史 / verify a case’s history (admins in scope)',
    description: 'Recomputes the hash chain and checks it against the head sealed with the history key: `{ ok: true, events }` or `{ ok: false, brokenAtSeq, reason }` with reason hash, link, sequence, anchor (edited and recomputed), truncated or unanchored.',
    responses: { 200: '{ ok, events } | { ok: false, brokenAtSeq, reason }', 403: '仅管理员 / admins only', 404: '案件不存在或不在管辖范围 / not found or out of scope' },
  });
}
