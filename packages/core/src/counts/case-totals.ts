import type { EntityManager } from 'typeorm';
import { applyCaseFilters, validCaseFilter, type CaseFilter, type ResolvedCaseFilter } from '../cases/case-query';
import type { Actor } from '../cases/lifecycle';
import { seesHandlingSubtree } from '../cases/scope';
import type { PersonalDataCipher } from '../shared/personal-data';
import { CASE_STATUSES, OPEN_STATUSES } from '../shared/vocabulary';
import { countByBranch } from '../stats/stats.service';
import { countedCases, type CountSelection } from './case-counts';
import type { CountLight } from './case-count.entity';

/** The case-list filters the kept counts are keyed by; a list filtered on anything else gets a capped count. */
const COUNTED_FILTERS = new Set(['status', 'open', 'light', 'organizationId', 'mediatorId', 'risk', 'supervised']);

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** What the counts must sum for a list: the selection (null: no handling organization can match) and the lights asked for. */
export interface CountedListPlan {
  selection: CountSelection | null;
  lights: ReadonlySet<string> | null;
  /**
   * The filter keeps only cases handled inside the actor's own subtree (an organization within it),
   * which every other branch of the scope leaves out: they need no query.
   */
  subtreeOnly: boolean;
}

/**
 * Whether the kept counts can answer a case list's total: a desk role (whose scope starts with the
 * handling subtree) and a filter on the counted keys only. @returns the plan, or null
 * @throws ValidationError (as the list would)
 */
export function countedListPlan(actor: Actor, raw: CaseFilter, resolved: ResolvedCaseFilter): CountedListPlan | null {
  if (!seesHandlingSubtree(actor)) return null;
  const f = validCaseFilter(raw);
  for (const [k, v] of Object.entries(f)) if (v !== undefined && !(k === 'q' && v === '') && !COUNTED_FILTERS.has(k)) return null;
  let path: string | null = actor.orgPath;
  let subtreeOnly = false;
  if (f.organizationId !== undefined) {
    if (resolved.organizationPath === undefined) return null;
    const p = resolved.organizationPath;
    // The filter's subtree within the actor's: the deeper of the two paths, or nothing when they part.
    path = p === null ? null : p.startsWith(actor.orgPath) ? p : actor.orgPath.startsWith(p) ? actor.orgPath : null;
    subtreeOnly = p !== null && p.startsWith(actor.orgPath);
  }
  let statuses: string[] = [...CASE_STATUSES];
  if (f.status !== undefined) {
    const wanted = new Set(list(f.status));
    statuses = statuses.filter((s) => wanted.has(s));
  }
  if (f.open !== undefined) statuses = statuses.filter((s) => (OPEN_STATUSES as readonly string[]).includes(s) === f.open);
  return {
    selection: path === null ? null : { path, statuses, mediatorId: f.mediatorId, risks: f.risk === undefined ? undefined : list(f.risk), supervised: f.supervised, anyLight: f.light === undefined },
    lights: f.light === undefined ? null : new Set(list(f.light)),
    subtreeOnly,
  };
}

/**
 * The exact total of a case list whose filter the counts answer (`countedListPlan`): the handling
 * subtree from the kept counts, plus the scope's other branches (pending transfers in, cases the
 * actor works on, handed over, reported), each counted with its own indexed query and without the
 * cases of the branches before it, as `countByBranch` does for the dashboard.
 */
export async function countedListTotal(em: EntityManager, actor: Actor, plan: CountedListPlan, raw: CaseFilter, now: Date, cipher: PersonalDataCipher, resolved: ResolvedCaseFilter): Promise<number> {
  const [counted, others] = await Promise.all([
    plan.selection ? countedCases(em, plan.selection, now) : [],
    // MariaDB would read the organization's cases by its path once per branch to find none.
    plan.subtreeOnly ? [] : countByBranch<{ n: string | number }>(em, actor, (qb) => applyCaseFilters(qb, 'c', raw, now, cipher, resolved).select('COUNT(*)', 'n'), { from: 1 }),
  ]);
  const wanted = (light: CountLight) => (plan.lights ? plan.lights.has(light) : true);
  return counted.reduce((s, r) => s + (wanted(r.light) ? r.n : 0), 0) + others.reduce((s, r) => s + Number(r.n), 0);
}
