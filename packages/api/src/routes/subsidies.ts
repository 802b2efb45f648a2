/** 以案定补 monthly statements: read, close a month, export. */
import type Router from '@koa/router';
import { valueZh, type SubsidyStatement } from '@tiaojie/core';
import Joi from 'joi';
import type { Ctx, Deps } from '../context';
import { validate } from '../i18n';
import type { ApiDoc } from '../openapi';
import { statementOut } from '../presenters';
import { sendWorkbook } from '../xlsx';

const query = { month: Joi.string().max(7).description('YYYY-MM; default: this month'), organizationId: Joi.number().integer().min(1) };
const querySchema = Joi.object(query);
const closeSchema = Joi.object({ month: Joi.string().max(7).required(), organizationId: Joi.number().integer().min(1) });
const present = (s: SubsidyStatement) => statementOut.validate(JSON.parse(JSON.stringify(s)), { stripUnknown: true }).value;
const yuan = (fen: number) => fen / 100;

export function mountSubsidies(router: Router, doc: ApiDoc, deps: Deps) {
  const { tj } = deps;

  router.get('/subsidies/statement', async (ctx: Ctx) => {
    ctx.body = present(await tj.subsidies.statement(ctx.state.actor, validate(querySchema, ctx.query) as never));
  });
  doc.add({ method: 'get', path: '/subsidies/statement', tag: 'subsidies', summary: '以案定补月度结算单 / a month’s subsidy statement per case, mediator and organization (admin, leader)', query, responses: { 200: { description: 'OK', schema: statementOut } } });

  router.post('/subsidies/close', async (ctx: Ctx) => {
    ctx.body = present(await tj.subsidies.close(ctx.state.actor, validate(closeSchema, ctx.request.body ?? {}) as never));
  });
  doc.add({ method: 'post', path: '/subsidies/close', tag: 'subsidies', summary: '结算（冻结）一个月 / close a month that has ended: its lines are frozen (admin)', body: closeSchema, responses: { 200: { description: 'OK', schema: statementOut }, 409: 'already closed' } });

  router.get('/exports/subsidies/statement.xlsx', async (ctx: Ctx) => {
    const s = await tj.subsidies.statement(ctx.state.actor, validate(querySchema, ctx.query) as never);
    await sendWorkbook(
      ctx,
      `以案定补结算单-${s.organizationName}-${s.month}.xlsx`,
      [
        {
          name: '案件明细',
          columns: [
            { header: '案号', key: 'caseNumber', width: 30 }, { header: '调解员', key: 'mediatorName' }, { header: '承办组织', key: 'handlingOrgName', width: 24 },
            { header: '难易程度', key: 'complexity' }, { header: '结果', key: 'result' }, { header: '金额（元）', key: 'amount' }, { header: '类型', key: 'kind' },
          ],
          pages: [s.lines.map((l) => ({ ...l, complexity: valueZh('complexity', l.complexity), result: l.result === 'settled' ? '调解成功' : l.result === 'failed' ? '调解不成' : '', amount: yuan(l.amountFen), kind: l.kind === 'regular' ? '本月' : '更正' }))],
        },
        { name: '按调解员', columns: [{ header: '调解员', key: 'name' }, { header: '案件数', key: 'cases' }, { header: '金额（元）', key: 'amount' }], pages: [s.byMediator.map((m) => ({ ...m, amount: yuan(m.amountFen) }))] },
        { name: '按组织', columns: [{ header: '组织', key: 'name', width: 24 }, { header: '案件数', key: 'cases' }, { header: '金额（元）', key: 'amount' }], pages: [s.byOrganization.map((m) => ({ ...m, amount: yuan(m.amountFen) }))] },
        {
          name: '说明',
          columns: [{ header: '项目', key: 'k', width: 16 }, { header: '内容', key: 'v', width: 90 }],
          pages: [[
            { k: '结算月份', v: `${s.month}（${s.closed ? '已结算，明细已冻结' : '未结算，按当前数据计算'}）` },
            { k: '合计（元）', v: yuan(s.totalFen) },
            { k: '计入条件', v: '书面协议已履行且回访、结案（调解成功）；疑难、重大案件调解不成但未上提并已引导诉讼等（政策有此项时）。金额按结案日有效的补贴标准。' },
            { k: '难易程度', v: '重大：涉及30人以上、标的额100万元以上或重大风险；疑难：10人以上、10万元以上、高风险或跨区域办理；一般：3人以上、1万元以上或中风险；其余为简易。' },
            { k: '更正', v: '已结算月份的案件此后发生变化的，差额在其后第一个未结算月份列为“更正”。' },
          ]],
        },
      ],
      deps.log,
    );
  });
  doc.add({ method: 'get', path: '/exports/subsidies/statement.xlsx', tag: 'subsidies', summary: '导出以案定补结算单 / the statement as .xlsx', query, responses: { 200: 'an .xlsx file, streamed' } });
}
