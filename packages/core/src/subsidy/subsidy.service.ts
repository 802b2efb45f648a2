import { DataSource, EntityManager, In } from 'typeorm';
import { Agreement } from '../cases/agreement.entity';
import { MediationCase } from '../cases/case.entity';
import { fieldError } from '../cases/effect-context';
import type { Actor } from '../cases/lifecycle';
import { likeEscape, LIKE_ESCAPE } from '../cases/scope';
import { transaction } from '../db/data-source';
import { chinaDate, chinaDayStart } from '../domain/china-time';
import { DEFAULT_GRADING, gradeCase, gradingRules, nextMonth, payableResult } from '../domain/subsidy';
import { CaseEvent } from '../history/case-event.entity';
import { Organization } from '../organizations/organization.entity';
import { SubsidyPolicy } from '../policies/subsidy-policy.entity';
import { SubsidyGrading } from '../policies/subsidy-grading.entity';
import { pathIds } from '../policies/policy.service';
import { Clock } from '../shared/clock';
import { DuplicateError, ForbiddenError } from '../shared/errors';
import { User } from '../users/user.entity';
import { SubsidyClosing, SubsidyLine } from './subsidy-statement.entity';

/** One line of a statement, names resolved. */
export interface StatementLine {
  caseId: number;
  caseNumber: string;
  mediatorId: number | null;
  mediatorName: string | null;
  handlingOrgId: number;
  handlingOrgName: string;
  complexity: string;
  result: string | null;
  amountFen: number;
  kind: 'regular' | 'correction';
}

/** A month's 以案定补 statement for an organization's subtree. */
export interface SubsidyStatement {
  month: string;
  organizationId: number;
  organizationName: string;
  /** Closed: the lines are frozen as they were when the month was closed. */
  closed: boolean;
  closedAt: Date | null;
  lines: StatementLine[];
  byMediator: Array<{ mediatorId: number | null; name: string; cases: number; amountFen: number }>;
  byOrganization: Array<{ organizationId: number; name: string; cases: number; amountFen: number }>;
  totalFen: number;
}

type Line = Omit<StatementLine, 'mediatorName' | 'handlingOrgName'>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A policy of an organization's subtree, valid over a span of days. */
interface Governing {
  organizationId: number;
  validFrom: string;
  validTo?: string | null;
}

/**
 * Of the policies valid on `day` that `also` accepts, the one of the nearest organization above
 * (or at) the organization at `path`; among one organization's own, the first in `rows` (give them
 * newest valid-from first). A policy of another branch of the tree never applies. Null without one.
 */
export function nearestPolicy<T extends Governing>(rows: readonly T[], path: string, day: string, also: (row: T) => boolean = () => true): T | null {
  const above = pathIds(path);
  let best: T | null = null;
  for (const r of rows) {
    if (!day || r.validFrom > day || (r.validTo && r.validTo < day) || !above.includes(r.organizationId) || !also(r)) continue;
    if (!best || above.indexOf(r.organizationId) > above.indexOf(best.organizationId)) best = r;
  }
  return best;
}

/** The grading thresholds for a case closed on `day` under `path` (`nearestPolicy`); the defaults without one. */
export const gradingFor = (gradings: SubsidyGrading[], path: string, day: string) => nearestPolicy(gradings, path, day) ?? DEFAULT_GRADING;
const monthStart = (m: string) => chinaDayStart(`${m}-01`);
const monthOf = (at: Date) => chinaDate(at).slice(0, 7);

/**
 * 以案定补 statements: each closed case graded by its facts (`gradeCase`), paid when its condition
 * holds (`payableResult`) at the policy amount valid on its closing day; monthly per mediator and
 * organization. Closing a month freezes its lines; a later change to a case of a closed month
 * shows as a correction in the first open month after it.
 */
export class SubsidyService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  private async root(actor: Actor, month: unknown, organizationId?: number): Promise<{ month: string; root: Organization }> {
    if (!actor.roles.some((r) => r === 'admin' || r === 'leader')) throw new ForbiddenError({ zh: '只有管理员和领导可以查看补贴结算', en: 'Only admins and leaders read subsidy statements' });
    if (typeof month !== 'string' || !MONTH.test(month)) throw fieldError('month', 'any.invalid', '月份格式应为 2026-11', 'month must look like 2026-11');
    const root = await this.ds.getRepository(Organization).findOneBy({ id: organizationId ?? actor.organizationId });
    if (!root || !root.path.startsWith(actor.orgPath)) throw fieldError('organizationId', 'any.invalid', '组织不存在或不在您的范围内', 'Unknown organization or outside your scope');
    return { month, root };
  }

  /** What each case is entitled to now: its grade, the result it is paid for, the amount. */
  private async entitlements(em: EntityManager, cases: MediationCase[]): Promise<Map<number, Line>> {
    const out = new Map<number, Line>();
    if (!cases.length) return out;
    const ids = cases.map((c) => c.id);
    const [agreements, escalations, policies, gradings] = await Promise.all([
      em.getRepository(Agreement).find({ where: { caseId: In(ids) }, select: { id: true, caseId: true, kind: true }, order: { id: 'ASC' } }),
      em.getRepository(CaseEvent).find({ where: { caseId: In(ids), action: 'escalate' }, select: { caseId: true } }),
      em.getRepository(SubsidyPolicy).find({ order: { validFrom: 'DESC', id: 'DESC' } }),
      em.getRepository(SubsidyGrading).find({ order: { validFrom: 'DESC', id: 'DESC' } }),
    ]);
    const kind = new Map(agreements.map((a) => [a.caseId, a.kind])); // the latest agreement wins (ordered by id)
    const escalated = new Set(escalations.map((e) => e.caseId));
    for (const c of cases) {
      const day = c.closedAt ? chinaDate(c.closedAt) : '';
      const rules = gradingRules(gradingFor(gradings, c.handlingOrgPath, day));
      const complexity = gradeCase({ peopleCount: c.peopleCount, amountFen: c.amountFen, risk: c.risk, crossArea: c.handlingOrgId !== c.registeringOrgId }, rules);
      const result = payableResult({ status: c.status, closeRoute: c.closeRoute, agreementKind: kind.get(c.id) ?? null, performance: c.performance, followedUp: c.followedUp, escalated: escalated.has(c.id), complexity });
      // The amount of the nearest organization above the handling one, as for grading: a township's policy pays its own cases only.
      const policy = result ? nearestPolicy(policies, c.handlingOrgPath, day, (p) => p.complexity === complexity && p.result === result) : null;
      out.set(c.id, { caseId: c.id, caseNumber: c.caseNumber, mediatorId: c.mediatorId, handlingOrgId: c.handlingOrgId, complexity, result, amountFen: policy ? policy.amountFen : 0, kind: 'regular' });
    }
    return out;
  }

  /** The lines of an open month, computed now: its closed cases, and corrections to closed months before it. */
  private async openLines(em: EntityManager, root: Organization, month: string): Promise<Line[]> {
    const inTree = (qb: ReturnType<typeof this.caseQuery>) => qb.andWhere(`c.handling_org_path LIKE :p ${LIKE_ESCAPE}`, { p: `${likeEscape(root.path)}%` });
    const closings = await em.getRepository(SubsidyClosing).find({ where: { organizationId: root.id } });
    const closedMonths = new Set(closings.map((c) => c.month));
    const firstOpenAfter = (m: string) => {
      let n = nextMonth(m);
      while (closedMonths.has(n)) n = nextMonth(n);
      return n;
    };
    const regular = await inTree(this.caseQuery(em)).andWhere('c.closed_at >= :from AND c.closed_at < :to', { from: monthStart(month), to: monthStart(nextMonth(month)) }).getMany();
    const lines: Line[] = [...(await this.entitlements(em, regular)).values()].filter((l) => l.amountFen !== 0);

    // Corrections: cases closed in a closed month whose first open month after it is this one.
    const earlier = [...closedMonths].filter((m) => m < month && firstOpenAfter(m) === month);
    if (!earlier.length) return lines;
    const frozen = await em.getRepository(SubsidyLine).find({ where: { organizationId: root.id } });
    const paid = new Map<number, number>();
    for (const l of frozen) paid.set(l.caseId, (paid.get(l.caseId) ?? 0) + l.amountFen);
    const candidates = await inTree(this.caseQuery(em))
      .andWhere(`(${earlier.map((_, i) => `(c.closed_at >= :f${i} AND c.closed_at < :t${i})`).join(' OR ')})${paid.size ? ' OR c.id IN (:...paidIds)' : ''}`, {
        ...Object.fromEntries(earlier.flatMap((m, i) => [[`f${i}`, monthStart(m)], [`t${i}`, monthStart(nextMonth(m))]])),
        paidIds: [...paid.keys()],
      })
      .getMany();
    const now = await this.entitlements(em, candidates);
    for (const c of candidates) {
      // A case counts in the month it was last closed; one closed in an open month is regular there, not a correction.
      const home = c.closedAt ? monthOf(c.closedAt) : null;
      if (!home || !closedMonths.has(home) || firstOpenAfter(home) !== month) continue;
      const e = now.get(c.id)!;
      const delta = e.amountFen - (paid.get(c.id) ?? 0);
      if (delta !== 0) lines.push({ ...e, amountFen: delta, kind: 'correction' });
    }
    return lines;
  }

  private caseQuery(em: EntityManager) {
    return em.getRepository(MediationCase).createQueryBuilder('c').where('1 = 1');
  }

  /** A month's statement for the actor's subtree (or a smaller one). @throws ForbiddenError, ValidationError */
  async statement(actor: Actor, q: { month?: string; organizationId?: number }): Promise<SubsidyStatement> {
    const { month, root } = await this.root(actor, q.month ?? monthOf(this.clock.now()), q.organizationId);
    const em = this.ds.manager;
    const closing = await em.getRepository(SubsidyClosing).findOneBy({ organizationId: root.id, month });
    const lines: Line[] = closing ? await em.getRepository(SubsidyLine).find({ where: { closingId: closing.id }, order: { id: 'ASC' } }) : await this.openLines(em, root, month);
    return this.present(em, month, root, closing, lines);
  }

  /**
   * Close a month that has ended (admin): its lines as computed now are frozen, and a later change
   * to one of its cases shows as a correction in the next open month.
   * @throws ForbiddenError, ValidationError, DuplicateError (already closed)
   */
  async close(actor: Actor, q: { month?: string; organizationId?: number }): Promise<SubsidyStatement> {
    if (!actor.roles.includes('admin')) throw new ForbiddenError({ zh: '只有管理员可以结算', en: 'Only admins close a month' });
    const { month, root } = await this.root(actor, q.month, q.organizationId);
    const now = this.clock.now();
    if (month >= monthOf(now)) throw fieldError('month', 'any.invalid', '只能结算已经结束的月份', 'Only a month that has ended can be closed');
    await transaction(this.ds, async (em) => {
      if (await em.getRepository(SubsidyClosing).findOneBy({ organizationId: root.id, month })) throw new DuplicateError('month', { zh: '该月已结算', en: 'This month is already closed' });
      const lines = await this.openLines(em, root, month);
      const r = await em.getRepository(SubsidyClosing).insert({ organizationId: root.id, month, totalFen: lines.reduce((s, l) => s + l.amountFen, 0), closedById: actor.id, closedAt: now });
      const closingId = Number(r.identifiers[0].id);
      if (lines.length) await em.getRepository(SubsidyLine).insert(lines.map((l) => ({ ...l, closingId, organizationId: root.id, month })));
    });
    return this.statement(actor, { month, organizationId: root.id });
  }

  private async present(em: EntityManager, month: string, root: Organization, closing: SubsidyClosing | null, lines: Line[]): Promise<SubsidyStatement> {
    const userIds = [...new Set(lines.map((l) => l.mediatorId).filter((x): x is number => x != null))];
    const orgIds = [...new Set(lines.map((l) => l.handlingOrgId))];
    const [users, orgs] = await Promise.all([
      userIds.length ? em.getRepository(User).find({ where: { id: In(userIds) }, select: { id: true, displayName: true } }) : [],
      orgIds.length ? em.getRepository(Organization).find({ where: { id: In(orgIds) }, select: { id: true, name: true } }) : [],
    ]);
    const userName = new Map(users.map((u) => [u.id, u.displayName]));
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const full: StatementLine[] = lines.map((l) => ({
      caseId: l.caseId, caseNumber: l.caseNumber, mediatorId: l.mediatorId, mediatorName: l.mediatorId ? (userName.get(l.mediatorId) ?? null) : null,
      handlingOrgId: l.handlingOrgId, handlingOrgName: orgName.get(l.handlingOrgId) ?? '', complexity: l.complexity, result: l.result, amountFen: Number(l.amountFen), kind: l.kind,
    }));
    const group = <K>(key: (l: StatementLine) => K) => {
      const m = new Map<K, { cases: number; amountFen: number; sample: StatementLine }>();
      for (const l of full) {
        const g = m.get(key(l)) ?? { cases: 0, amountFen: 0, sample: l };
        g.cases += l.kind === 'regular' ? 1 : 0;
        g.amountFen += l.amountFen;
        m.set(key(l), g);
      }
      return [...m.values()];
    };
    return {
      month,
      organizationId: root.id,
      organizationName: root.name,
      closed: !!closing,
      closedAt: closing?.closedAt ?? null,
      lines: full,
      byMediator: group((l) => l.mediatorId).map((g) => ({ mediatorId: g.sample.mediatorId, name: g.sample.mediatorName ?? '（未分派）', cases: g.cases, amountFen: g.amountFen })),
      byOrganization: group((l) => l.handlingOrgId).map((g) => ({ organizationId: g.sample.handlingOrgId, name: g.sample.handlingOrgName, cases: g.cases, amountFen: g.amountFen })),
      totalFen: full.reduce((s, l) => s + l.amountFen, 0),
    };
  }
}
