/**
 * Figures (docs/figures.md) and Excel exports: the center report as JSON and as .xlsx, and any
 * case list with its filters as .xlsx, streamed.
 */
import type Router from '@koa/router';
import { CASE_EXPORT_COLUMNS, CASE_SOURCES, CHANNELS, FIGURE_DEFINITIONS, valueZh, type CenterFigures, type FiguresQuery, type JusticeReport } from '@tiaojie/core';
import Joi from 'joi';
import type { Ctx, Deps } from '../context';
import { validate } from '../i18n';
import type { ApiDoc } from '../openapi';
import { centerFiguresOut, justiceReportOut } from '../presenters';
import { parseListQuery } from '../simple-rest';
import { chinaDateTime, sendWorkbook, type SheetSpec } from '../xlsx';
import { caseSpec } from './cases';

const figuresQuery = {
  period: Joi.string().max(40).description('2026 | 2026-Q4 | 2026-11 | 2026-11-03..2026-11-20 (China days); default: this month'),
  organizationId: Joi.number().integer().min(1).description('an organization in the caller’s subtree'),
  channel: Joi.string().valid(...CHANNELS),
};
const figuresQuerySchema = Joi.object(figuresQuery);


const pct = (r: { rate: number | null }) => (r.rate == null ? '' : `${(r.rate * 100).toFixed(1)}%`);

/** The definitions sheet: every figure's numerator, denominator and date. */
export const definitionsSheet = (): SheetSpec => ({
  name: '说明',
  columns: [
    { header: '指标', key: 'name', width: 22 },
    { header: '分子（计数）', key: 'numerator', width: 60 },
    { header: '分母', key: 'denominator', width: 40 },
    { header: '计入期间的日期', key: 'date', width: 36 },
  ],
  pages: [Object.values(FIGURE_DEFINITIONS).map((d) => ({ name: d.zh, numerator: d.numerator.zh, denominator: d.denominator?.zh ?? '—', date: d.date.zh }))],
});

/** The center report as rows of a sheet: figure, value, numerator, denominator. */
function centerRows(f: CenterFigures): object[] {
  const D = FIGURE_DEFINITIONS;
  const rate = (name: string, r: { numerator: number; denominator: number; rate: number | null }) => ({ name, value: pct(r), numerator: r.numerator, denominator: r.denominator });
  return [
    { name: '统计期间', value: `${f.period.from} 至 ${f.period.to}` },
    { name: '统计范围', value: f.organizationName + (f.channel ? `（${valueZh('channel', f.channel)}）` : '') },
    { name: D.received.zh, value: f.received.total },
    ...f.received.byChannel.map((c) => ({ name: `\u3000按渠道：${valueZh('channel', c.key)}`, value: c.count })),
    ...f.received.byCategory.map((c) => ({ name: `\u3000按类型：${valueZh('category', c.key)}`, value: c.count })),
    ...f.received.byArea.map((c) => ({ name: `\u3000按区域：${c.name}`, value: c.count })),
    ...f.received.byMonth.map((c) => ({ name: `\u3000按月份：${c.key}`, value: c.count })),
    rate(D.acceptanceRate.zh, f.acceptanceRate),
    rate(D.successRate.zh, f.successRate),
    { name: D.handlingDaysMean.zh, value: f.handlingDays.mean ?? '', denominator: f.handlingDays.closed },
    { name: D.handlingDaysP90.zh, value: f.handlingDays.p90 ?? '' },
    rate(D.overdueRate.zh, f.overdueRate),
    rate(D.satisfactionRate.zh, f.satisfactionRate),
    ...f.sourceResolved.map((r) => rate(`${D.sourceResolvedRate.zh}：${valueZh('channel', r.channel)}`, r)),
    rate(D.villageResolvedRate.zh, f.villageResolvedRate),
    rate(D.townshipResolvedRate.zh, f.townshipResolvedRate),
    ...f.transfers.map((t) => ({ name: `${t.kind === 'transfer' ? '移交' : '上提'}：发起 / 签收 / 平均签收小时`, value: `${t.sent} / ${t.acknowledged} / ${t.meanHoursToAcknowledge ?? '—'}` })),
    ...f.mediators.map((m) => ({ name: `${D.mediatorLoad.zh}：${m.name}`, value: `在办 ${m.open}，成功 ${m.settled}，不成 ${m.failed}` })),
  ];
}

const JB_RESULTS = ['written', 'oral', 'failed', 'pending'] as const;

/** The justice-bureau form as one sheet: a row per statistics category, a column per source × result. */
function justiceSheet(r: JusticeReport): SheetSpec {
  const columns = [
    { header: '纠纷类型', key: 'name', width: 14 },
    ...CASE_SOURCES.flatMap((s) => JB_RESULTS.map((res) => ({ header: `${valueZh('source', s)}·${valueZh('jbResult', res)}`, key: `${s}.${res}`, width: 16 }))),
    { header: '案件合计', key: 'cases' },
    { header: '涉及金额（元）', key: 'amount', width: 16 },
    { header: '涉及人数', key: 'people' },
  ];
  const line = (name: string, row: JusticeReport['total']) => ({
    name,
    ...Object.fromEntries(CASE_SOURCES.flatMap((s) => JB_RESULTS.map((res) => [`${s}.${res}`, row.bySource[s][res]]))),
    cases: row.cases,
    amount: row.amountFen / 100,
    people: row.people,
  });
  return { name: '人民调解统计', columns, pages: [[...r.rows.map((row) => line(valueZh('statsCategory', row.statsCategory), row)), line('合计', r.total)]] };
}

export function mountFigures(router: Router, doc: ApiDoc, deps: Deps) {
  const { tj } = deps;
  const readQuery = (ctx: Ctx) => validate(figuresQuerySchema, ctx.query) as FiguresQuery;

  router.get('/figures/center', async (ctx: Ctx) => {
    const f = await tj.figures.center(ctx.state.actor, readQuery(ctx));
    ctx.body = centerFiguresOut.validate(f, { stripUnknown: true }).value;
  });
  doc.add({
    method: 'get',
    path: '/figures/center',
    tag: 'figures',
    summary: '中心统计 / the center figures for a period, in the caller’s subtree (admin, leader)',
    description: 'Every figure is defined in docs/figures.md (numerator, denominator, which date puts a case in a period).',
    query: figuresQuery,
    responses: { 200: { description: 'OK', schema: centerFiguresOut }, 403: 'not an admin or leader' },
  });

  router.get('/figures/justice', async (ctx: Ctx) => {
    const r = await tj.figures.justice(ctx.state.actor, readQuery(ctx));
    ctx.body = justiceReportOut.validate(r, { stripUnknown: true }).value;
  });
  doc.add({
    method: 'get',
    path: '/figures/justice',
    tag: 'figures',
    summary: '人民调解统计报表 / the justice-bureau report: cases accepted in the period by category × source × result (admin, leader)',
    query: { period: figuresQuery.period, organizationId: figuresQuery.organizationId },
    responses: { 200: { description: 'OK', schema: justiceReportOut } },
  });

  router.get('/exports/figures/justice.xlsx', async (ctx: Ctx) => {
    const r = await tj.figures.justice(ctx.state.actor, readQuery(ctx));
    const other: SheetSpec = {
      name: '其他指标',
      columns: [{ header: '指标', key: 'k', width: 30 }, { header: '件数', key: 'cases' }, { header: '人数', key: 'people' }],
      pages: [[
        { k: '防止民转刑', ...r.preventedCriminal },
        { k: '防止群体性上访', ...r.preventedGroupPetition },
        { k: '申请司法确认', cases: r.confirmations.applied },
        { k: '司法确认有效', cases: r.confirmations.granted },
        { k: '调解组织数', cases: r.committees },
        { k: '调解员数', cases: r.mediators },
      ]],
    };
    const about: SheetSpec = {
      name: '说明',
      columns: [{ header: '项目', key: 'k', width: 16 }, { header: '口径', key: 'v', width: 100 }],
      pages: [[
        { k: '统计范围', v: `${r.organizationName}，${r.period.from} 至 ${r.period.to}` },
        { k: '案件', v: '统计期间内受理的案件，按纠纷类型对应的司法行政统计类型、来源方式和当前调解结果分列；金额为标的额。' },
        { k: '防止民转刑', v: '调解成功且风险等级为高或重大的案件及其涉及人数。' },
        { k: '防止群体性上访', v: '调解成功且涉及5人以上的案件及其涉及人数。' },
        { k: '司法确认', v: '申请日期在期间内的申请数；裁定日期在期间内、确认有效的件数。' },
        { k: '组织与人员', v: '当前本辖区内乡镇（街道）、村（社区）和行业性专业性调解组织数，在职调解员数。' },
      ]],
    };
    await sendWorkbook(ctx, `人民调解统计报表-${r.period.label}.xlsx`, [justiceSheet(r), other, about], deps.log);
  });
  doc.add({ method: 'get', path: '/exports/figures/justice.xlsx', tag: 'figures', summary: '导出人民调解统计报表 / the justice-bureau report as .xlsx', query: { period: figuresQuery.period, organizationId: figuresQuery.organizationId }, responses: { 200: 'an .xlsx file, streamed' } });

  router.get('/exports/figures/center.xlsx', async (ctx: Ctx) => {
    const f = await tj.figures.center(ctx.state.actor, readQuery(ctx));
    const sheet: SheetSpec = {
      name: '中心统计',
      columns: [
        { header: '指标', key: 'name', width: 36 },
        { header: '数值', key: 'value', width: 28 },
        { header: '分子', key: 'numerator' },
        { header: '分母', key: 'denominator' },
      ],
      pages: [centerRows(f)],
    };
    await sendWorkbook(ctx, `中心统计-${f.period.label}.xlsx`, [sheet, definitionsSheet()], deps.log);
  });
  doc.add({ method: 'get', path: '/exports/figures/center.xlsx', tag: 'figures', summary: '导出中心统计 / the center figures as .xlsx (definitions on the second sheet)', query: figuresQuery, responses: { 200: 'an .xlsx file, streamed' } });

  router.get('/exports/cases.xlsx', async (ctx: Ctx) => {
    const { filter } = parseListQuery(ctx, caseSpec);
    const pages = (async function* () {
      for await (const page of tj.exports.cases(ctx.state.actor, filter as never)) {
        yield page.map((r) => ({
          ...r,
          channel: valueZh('channel', r.channel),
          category: valueZh('category', r.category),
          status: valueZh('status', r.status),
          risk: valueZh('risk', r.risk),
          triage: valueZh('triage', r.triage),
          amountFen: r.amountFen == null ? null : r.amountFen / 100,
          registeredAt: chinaDateTime(r.registeredAt),
          acceptedAt: chinaDateTime(r.acceptedAt),
          settledAt: chinaDateTime(r.settledAt),
          closedAt: chinaDateTime(r.closedAt),
          deadlineAt: chinaDateTime(r.deadlineAt),
        }));
      }
    })();
    const sheet: SheetSpec = { name: '案件列表', columns: CASE_EXPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.key === 'title' || c.key === 'caseNumber' ? 30 : undefined })), pages };
    const about: SheetSpec = {
      name: '说明',
      columns: [
        { header: '项目', key: 'k', width: 20 },
        { header: '内容', key: 'v', width: 80 },
      ],
      pages: [[
        { k: '导出时间', v: chinaDateTime(tj.clock.now()) },
        { k: '筛选条件', v: JSON.stringify(filter) },
        { k: '范围', v: '您可查看的案件中符合筛选条件的全部案件，按案件编号排列；时间为北京时间，金额单位为元。' },
      ]],
    };
    await sendWorkbook(ctx, '案件列表.xlsx', [sheet, about], deps.log);
  });
  doc.add({
    method: 'get',
    path: '/exports/cases.xlsx',
    tag: 'cases',
    summary: '导出案件列表 / the case list with its filters as .xlsx, streamed (any length)',
    description: 'Same `filter` parameter as GET /cases; rows in id order; the second sheet says when and with which filters.',
    query: { filter: Joi.string().description(`JSON object, as for GET /cases; keys: id, ${Object.keys(caseSpec.filter).join(', ')}`) },
    responses: { 200: 'an .xlsx file, streamed' },
  });
}
