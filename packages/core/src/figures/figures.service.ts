import { DataSource, EntityManager } from 'typeorm';
import { MediationCase } from '../cases/case.entity';
import type { Actor } from '../cases/lifecycle';
import { likeEscape, LIKE_ESCAPE } from '../cases/scope';
import { fieldError } from '../cases/effect-context';
import { daysOf, monthsOf, parsePeriod, percentileOf, planOf, rate, type Period, type Rate } from '../domain/figures';
import { CASE_SOURCES, CHANNELS, STATS_CATEGORIES, type Channel } from '../domain/vocabulary';
import { DisputeCategory } from '../categories/dispute-category.entity';
import { JudicialConfirmation } from '../cases/judicial-confirmation.entity';
import { Organization } from '../organizations/organization.entity';
import { Clock } from '../shared/clock';
import { ForbiddenError } from '../shared/errors';
import { User } from '../users/user.entity';
import { FigureDay, FigureMonth, FigureOpen } from './figure-cell.entity';
import { rebuildFigures } from './rebuild';
import { METRICS } from './contributions';

/** What a figures report is asked for. */
export interface FiguresQuery {
  /** `2026`, `2026-Q4`, `2026-11` or `2026-11-03..2026-11-20` (China days); default: this month. */
  period?: string;
  /** An organization in the reader's subtree: the report covers its subtree only. */
  organizationId?: number;
  /** Only cases of this channel. */
  channel?: Channel;
}

export interface Count<K = string> {
  key: K;
  count: number;
}

/** The center figures (docs/figures.md defines each one). */
export interface CenterFigures {
  period: Period;
  organizationId: number;
  organizationName: string;
  channel: Channel | null;
  received: { total: number; byChannel: Count[]; byCategory: Count[]; byArea: Array<Count<number> & { name: string }>; byMonth: Count[] };
  acceptanceRate: Rate;
  successRate: Rate;
  handlingDays: { closed: number; mean: number | null; p90: number | null };
  overdueRate: Rate;
  satisfactionRate: Rate;
  sourceResolved: Array<Rate & { channel: Channel }>;
  villageResolvedRate: Rate;
  townshipResolvedRate: Rate;
  transfers: Array<{ kind: 'transfer' | 'escalation'; sent: number; acknowledged: number; meanHoursToAcknowledge: number | null }>;
  mediators: Array<{ mediatorId: number; name: string; open: number; settled: number; failed: number }>;
  at: string;
}

const JB_RESULTS = ['written', 'oral', 'failed', 'pending'] as const;
type JbResults = Record<(typeof JB_RESULTS)[number], number>;
/** One row of the justice-bureau report: cases by source and result, amounts, people. */
export interface JusticeRow {
  statsCategory: string;
  bySource: Record<(typeof CASE_SOURCES)[number], JbResults>;
  cases: number;
  amountFen: number;
  people: number;
}

/** The statistics report of people's mediation (人民调解统计报表) for the justice bureau. */
export interface JusticeReport {
  period: Period;
  organizationId: number;
  organizationName: string;
  rows: JusticeRow[];
  total: JusticeRow;
  /** 防止民转刑: settled cases on which a risk of turning criminal was reported (第25条, `criminalRisk`). */
  preventedCriminal: { cases: number; people: number };
  /** 防止群体性上访: settled group disputes (5 or more people). */
  preventedGroupPetition: { cases: number; people: number };
  /** Judicial confirmations applied for (by application day) and granted (by ruling day) in the period. */
  confirmations: { applied: number; granted: number };
  /** Mediation organizations (township, village, specialized) and active mediators in the subtree now. */
  committees: number;
  mediators: number;
  at: string;
}

/** A sum of rollup cells; the dimensions asked for come back as strings (or numbers from MySQL). */
export type CellSum = { n: number; total: number; metric: string; bucket: string; channel: string; category: string; org_id: number | string; mediator_id: number | string; month: string };

/** Roles that read the center's figures. */
export const FIGURE_ROLES = ['admin', 'leader'] as const;

const DAY_MS = 86_400_000;
/** The metrics of the center figures' main sum (the justice-bureau ones are read by category). */
const CENTER_METRICS = METRICS.filter((m) => !m.startsWith('jb') && m !== 'open');
const sum = (xs: Iterable<number>) => [...xs].reduce((s, x) => s + x, 0);

/** The reports a center is judged on, read from the rollup (`figure_cells`) within the reader's organization subtree. */
export class FiguresService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Recompute every figure from the cases and their histories (the `rebuild-figures` command):
   * after a bulk load, or to check the rollup kept in step with the commands.
   */
  rebuild(opts: { batch?: number; onProgress?: (cases: number) => void } = {}): Promise<{ cases: number; cells: number }> {
    return rebuildFigures(this.ds, opts);
  }

  /**
   * The period, the organization whose subtree a report covers, and the organizations in it.
   * @throws ForbiddenError for roles that do not read figures, ValidationError on `period` or `organizationId`
   */
  async scope(actor: Actor, q: FiguresQuery): Promise<{ period: Period; root: Organization; orgs: Map<number, Organization> }> {
    if (!actor.roles.some((r) => (FIGURE_ROLES as readonly string[]).includes(r))) throw new ForbiddenError({ zh: '只有管理员和领导可以查看统计', en: 'Only admins and leaders read the figures' });
    const period = parsePeriod(q.period ?? this.clock.now().toISOString().slice(0, 7)) ?? null;
    if (!period) throw fieldError('period', 'any.invalid', '统计期间格式应为 2026、2026-Q4、2026-11 或 2026-11-01..2026-11-30', 'period must look like 2026, 2026-Q4, 2026-11 or 2026-11-01..2026-11-30');
    if (q.channel != null && !CHANNELS.includes(q.channel)) throw fieldError('channel', 'any.only', '来源渠道无效', 'Unknown channel');
    const repo = this.ds.getRepository(Organization);
    const root = await repo.findOneBy({ id: q.organizationId ?? actor.organizationId });
    if (!root || !root.path.startsWith(actor.orgPath)) throw fieldError('organizationId', 'any.invalid', '组织不存在或不在您的范围内', 'Unknown organization or outside your scope');
    const orgs = await repo.createQueryBuilder('o').where(`o.path LIKE :p ${LIKE_ESCAPE}`, { p: `${likeEscape(root.path)}%` }).getMany();
    return { period, root, orgs: new Map(orgs.map((o) => [o.id, o])) };
  }

  /**
   * Sums of the rollup over a period, in the subtree of `root`, by the given dimensions. Whole
   * months read the month projection; a partial month at an end of a day range reads its days,
   * or, when it covers more than half the month, the month less the days it leaves out, so a
   * range reads at most about a month of day rows (`planOf`). Grouping by channel reads the
   * channel rows; otherwise the rows of the channel asked for, or of every channel (`''`).
   */
  async sums(em: EntityManager, root: Organization, period: Period, channel: Channel | null, groupBy: Array<'metric' | 'bucket' | 'org_id' | 'month' | 'channel' | 'category' | 'mediator_id'>, metrics?: string[]): Promise<CellSum[]> {
    const plan = planOf(period);
    const dim = groupBy.includes('category') ? 'category' : groupBy.includes('mediator_id') ? 'mediator' : 'all';
    const read = (entity: typeof FigureMonth | typeof FigureDay, time: 'month' | 'day', ranges: Array<[string, string]>) => {
      if (!ranges.length) return Promise.resolve([] as Array<Record<string, string | number>>);
      const qb = em
        .getRepository(entity)
        .createQueryBuilder('f')
        .select('SUM(f.n)', 'n')
        .addSelect('SUM(f.total)', 'total')
        .where('f.dim = :dim', { dim });
      // The channels named (not `<> ''`, a range that would stop the key there).
      if (groupBy.includes('channel')) qb.andWhere('f.channel IN (:...channels)', { channels: channel ? [channel] : CHANNELS });
      else qb.andWhere('f.channel = :channel', { channel: channel ?? '' });
      // Each day or month named, so the key range goes on to the metrics (a range on time would stop it there).
      qb.andWhere(`f.${time} IN (:...times)`, { times: ranges.flatMap(([from, to]) => (time === 'month' ? monthsOf({ from: `${from}-01`, to: `${to}-01`, label: '' }) : daysOf(from, to))) });
      // The subtree by a join, not an id list: a list after the metrics would multiply the key ranges (days × metrics × organizations).
      qb.innerJoin(Organization, 'o', 'o.id = f.org_id').andWhere(`o.path LIKE :p ${LIKE_ESCAPE}`, { p: `${likeEscape(root.path)}%` });
      if (metrics) qb.andWhere('f.metric IN (:...metrics)', { metrics });
      for (const g of groupBy) {
        const expr = g === 'category' || g === 'mediator_id' ? 'f.dim_value' : g === 'month' ? (time === 'month' ? 'f.month' : 'SUBSTR(f.day, 1, 7)') : `f.${g}`;
        qb.addSelect(expr, g).addGroupBy(expr);
      }
      return qb.getRawMany<Record<string, string | number>>();
    };
    const [months, plus, minus] = await Promise.all([read(FigureMonth, 'month', plan.months), read(FigureDay, 'day', plan.plus), read(FigureDay, 'day', plan.minus)]);
    const out = new Map<string, CellSum>();
    for (const [rows, sign] of [[months, 1], [plus, 1], [minus, -1]] as const) {
      for (const r of rows) {
        const key = groupBy.map((g) => String(r[g])).join('|');
        const cur = out.get(key) ?? ({ ...r, n: 0, total: 0 } as CellSum);
        cur.n += sign * Number(r.n);
        cur.total += sign * Number(r.total);
        out.set(key, cur);
      }
    }
    return [...out.values()].filter((r) => r.n !== 0 || r.total !== 0);
  }

  /**
   * The center figures for a period, over the cases handled in the reader's organization subtree
   * (or a smaller one). @throws ForbiddenError, ValidationError
   */
  async center(actor: Actor, q: FiguresQuery = {}): Promise<CenterFigures> {
    const { period, root, orgs } = await this.scope(actor, q);
    const em = this.ds.manager;
    const channel = q.channel ?? null;
    const orgIds = [...orgs.keys()];
    const [main, byChannelResult, byCategory, byMonth, byMediator, openLoad] = await Promise.all([
      this.sums(em, root, period, channel, ['metric', 'bucket', 'org_id'], CENTER_METRICS),
      this.sums(em, root, period, channel, ['metric', 'channel'], ['received', 'settled', 'failed']),
      this.sums(em, root, period, channel, ['category'], ['received']),
      this.sums(em, root, period, channel, ['month'], ['received']),
      this.sums(em, root, period, channel, ['mediator_id', 'metric'], ['settled', 'failed']),
      this.openByMediator(em, root, orgIds, channel),
    ]);
    const total = (metric: string, where: (r: CellSum) => boolean = () => true) => sum(main.filter((r) => r.metric === metric && where(r)).map((r) => r.n));
    const byChannelOf = (metric: string, ch?: string) => sum(byChannelResult.filter((r) => r.metric === metric && (!ch || r.channel === ch)).map((r) => r.n));
    const toCounts = (rows: CellSum[], dim: 'channel' | 'category') => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(String(r[dim]), (m.get(String(r[dim])) ?? 0) + r.n);
      return [...m].filter(([, n]) => n).map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    };
    const receivedByOrg = new Map<string, number>();
    for (const r of main.filter((x) => x.metric === 'received')) receivedByOrg.set(String(r.org_id), (receivedByOrg.get(String(r.org_id)) ?? 0) + r.n);

    // Area: the child of the report's root the handling organization lies under (the root itself for its own cases).
    const areaOf = (orgId: number) => {
      const o = orgs.get(orgId);
      if (!o || o.id === root.id) return root.id;
      const rest = o.path.slice(root.path.length).split('/').filter(Boolean);
      return Number(rest[0] ?? root.id);
    };
    const areas = new Map<number, number>();
    for (const [orgId, n] of receivedByOrg) areas.set(areaOf(Number(orgId)), (areas.get(areaOf(Number(orgId))) ?? 0) + n);

    const closed = main.filter((r) => r.metric === 'closed');
    const closedCount = sum(closed.map((r) => r.n));
    const settled = total('settled');
    const result = (ch?: string) => byChannelOf('settled', ch) + byChannelOf('failed', ch);
    const transferKinds = ['transfer', 'escalation'] as const;
    const names = await this.mediatorNames(em, [...new Set([...byMediator.map((r) => Number(r.mediator_id)), ...openLoad.keys()])].filter((id) => id > 0));
    const mediatorIds = [...names.keys()];

    return {
      period,
      organizationId: root.id,
      organizationName: root.name,
      channel,
      received: {
        total: total('received'),
        byChannel: toCounts(byChannelResult.filter((r) => r.metric === 'received'), 'channel'),
        byCategory: toCounts(byCategory, 'category'),
        byArea: [...areas].map(([key, count]) => ({ key, name: orgs.get(key)?.name ?? String(key), count })).sort((a, b) => b.count - a.count || a.key - b.key),
        byMonth: byMonth.map((r) => ({ key: String(r.month), count: r.n })).sort((a, b) => a.key.localeCompare(b.key)),
      },
      acceptanceRate: rate(total('accepted'), total('accepted') + total('rejected')),
      successRate: rate(settled, result()),
      handlingDays: {
        closed: closedCount,
        mean: closedCount ? Math.round((sum(closed.map((r) => r.total)) / closedCount / DAY_MS) * 10) / 10 : null,
        p90: percentileOf(closed.map((r) => ({ value: Number(r.bucket), count: r.n })), 0.9),
      },
      overdueRate: rate(total('closed_overdue'), closedCount),
      satisfactionRate: rate(total('follow_up', (r) => r.bucket === 'satisfied' || r.bucket === 'basically_satisfied'), total('follow_up')),
      sourceResolved: (['court', 'petition', 'police'] as const).map((ch) => ({ channel: ch, ...rate(byChannelOf('settled', ch), result(ch)) })),
      villageResolvedRate: rate(total('settled', (r) => r.bucket === 'village'), settled),
      townshipResolvedRate: rate(total('settled', (r) => r.bucket === 'village' || r.bucket === 'township'), settled),
      transfers: transferKinds.map((kind) => {
        const acknowledged = total('acknowledged', (r) => r.bucket === kind);
        const ms = sum(main.filter((r) => r.metric === 'acknowledged' && r.bucket === kind).map((r) => r.total));
        return { kind, sent: total('transfer', (r) => r.bucket === kind), acknowledged, meanHoursToAcknowledge: acknowledged ? Math.round((ms / acknowledged / 3_600_000) * 10) / 10 : null };
      }),
      mediators: mediatorIds
        .map((id) => ({
          mediatorId: id,
          name: names.get(id)!,
          open: openLoad.get(id) ?? 0,
          settled: sum(byMediator.filter((r) => Number(r.mediator_id) === id && r.metric === 'settled').map((r) => r.n)),
          failed: sum(byMediator.filter((r) => Number(r.mediator_id) === id && r.metric === 'failed').map((r) => r.n)),
        }))
        .sort((a, b) => b.open + b.settled - (a.open + a.settled) || a.mediatorId - b.mediatorId),
      at: this.clock.now().toISOString(),
    };
  }

  /**
   * The justice-bureau report for a period: cases accepted in it, by statistics category × source ×
   * result now, with amounts and people (docs/figures.md). @throws ForbiddenError, ValidationError
   */
  async justice(actor: Actor, q: Omit<FiguresQuery, 'channel'> = {}): Promise<JusticeReport> {
    const { period, root, orgs } = await this.scope(actor, q);
    const em = this.ds.manager;
    const [cells, categories, applied, granted, mediators] = await Promise.all([
      this.sums(em, root, period, null, ['metric', 'bucket', 'category'], ['jb', 'jb_people', 'jb_group', 'jb_criminal']),
      em.getRepository(DisputeCategory).find({ select: { code: true, statsCategory: true } }),
      this.confirmations(em, root, 'c.applied_on', period),
      this.confirmations(em, root, 'c.decided_on', period, 'confirmed'),
      em
        .getRepository(User)
        .createQueryBuilder('u')
        .innerJoin(Organization, 'o', 'o.id = u.organization_id')
        .where(`o.path LIKE :p ${LIKE_ESCAPE}`, { p: `${likeEscape(root.path)}%` })
        .andWhere('u.active = :yes', { yes: true })
        .andWhere(`u.roles LIKE :role`, { role: '%"mediator"%' })
        .getCount(),
    ]);
    const statsOf = new Map(categories.map((c) => [c.code, c.statsCategory as string]));
    const toStats = (code: string) => statsOf.get(code) ?? ((STATS_CATEGORIES as readonly string[]).includes(code) ? code : 'other');
    const empty = (statsCategory: string): JusticeRow => ({
      statsCategory,
      bySource: Object.fromEntries(CASE_SOURCES.map((s) => [s, Object.fromEntries(JB_RESULTS.map((r) => [r, 0]))])) as JusticeRow['bySource'],
      cases: 0,
      amountFen: 0,
      people: 0,
    });
    const rows = new Map<string, JusticeRow>();
    const total = empty('total');
    const prevented = { criminal: { cases: 0, people: 0 }, group: { cases: 0, people: 0 } };
    for (const c of cells) {
      if (c.metric === 'jb_group' || c.metric === 'jb_criminal') {
        const p = c.metric === 'jb_group' ? prevented.group : prevented.criminal;
        p.cases += c.n;
        p.people += c.total;
        continue;
      }
      const key = toStats(c.category);
      const row = rows.get(key) ?? empty(key);
      rows.set(key, row);
      for (const r of [row, total]) {
        if (c.metric === 'jb_people') r.people += c.total;
        else {
          const [source, result] = c.bucket.split('|') as [keyof JusticeRow['bySource'], keyof JbResults];
          if (r.bySource[source]) r.bySource[source][result] += c.n;
          r.cases += c.n;
          r.amountFen += c.total;
        }
      }
    }
    const order = (k: string) => (STATS_CATEGORIES as readonly string[]).indexOf(k);
    return {
      period,
      organizationId: root.id,
      organizationName: root.name,
      rows: [...rows.values()].sort((a, b) => order(a.statsCategory) - order(b.statsCategory)),
      total,
      preventedCriminal: prevented.criminal,
      preventedGroupPetition: prevented.group,
      confirmations: { applied, granted },
      committees: [...orgs.values()].filter((o) => o.active && ['township', 'village', 'specialized'].includes(o.type)).length,
      mediators,
      at: this.clock.now().toISOString(),
    };
  }

  private confirmations(em: EntityManager, root: Organization, column: string, period: Period, state?: string): Promise<number> {
    const qb = em
      .getRepository(JudicialConfirmation)
      .createQueryBuilder('c')
      .innerJoin(MediationCase, 'k', 'k.id = c.case_id')
      .where(`k.handling_org_path LIKE :p ${LIKE_ESCAPE}`, { p: `${likeEscape(root.path)}%` })
      .andWhere(`${column} >= :from AND ${column} <= :to`, { from: period.from, to: period.to });
    if (state) qb.andWhere('c.state = :state', { state });
    return qb.getCount();
  }

  /** Open cases per mediator now, in the subtree: the subtree's mediators' open cases handled in it, from the maintained counts (`figure_open`). */
  private async openByMediator(em: EntityManager, root: Organization, orgIds: number[], channel: Channel | null): Promise<Map<number, number>> {
    const mediators = await em
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .innerJoin(Organization, 'o', 'o.id = u.organization_id')
      .where(`o.path LIKE :p ${LIKE_ESCAPE}`, { p: `${likeEscape(root.path)}%` })
      .andWhere('u.roles LIKE :role', { role: '%"mediator"%' })
      .getRawMany<{ id: number | string }>();
    if (!mediators.length || !orgIds.length) return new Map();
    const qb = em
      .getRepository(FigureOpen)
      .createQueryBuilder('f')
      .select('f.mediator_id', 'mediatorId')
      .addSelect('SUM(f.n)', 'n')
      .where('f.mediator_id IN (:...ids)', { ids: mediators.map((m) => Number(m.id)) })
      .andWhere('f.org_id IN (:...orgIds)', { orgIds })
      .groupBy('f.mediator_id');
    if (channel) qb.andWhere('f.channel = :channel', { channel });
    const rows = await qb.getRawMany<{ mediatorId: number | string; n: number | string }>();
    return new Map(rows.filter((r) => Number(r.n) !== 0).map((r) => [Number(r.mediatorId), Number(r.n)]));
  }

  private async mediatorNames(em: EntityManager, ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const users = await em.getRepository(User).createQueryBuilder('u').select(['u.id', 'u.displayName']).where('u.id IN (:...ids)', { ids }).getMany();
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
