import { Brackets, SelectQueryBuilder } from 'typeorm';
import type { Actor } from './lifecycle';

/**
 * Escape LIKE wildcards so a path or a search term matches literally. `!` is the escape
 * character because a backslash is read differently by MySQL and SQLite string literals.
 */
export const likeEscape = (s: string) => s.replace(/[!%_]/g, (m) => `!${m}`);
export const LIKE_ESCAPE = "ESCAPE '!'";

/**
 * Cases that an organization whose path matches `pathParam` (a LIKE pattern) handed over by an
 * acknowledged transfer: a prefix match on `transfers.from_org_path`'s index, not correlated.
 */
export const handedOverBy = (alias: string, pathParam: string) =>
  `${alias}.id IN (SELECT ht.case_id FROM transfers ht WHERE ht.from_org_path LIKE ${pathParam} ${LIKE_ESCAPE} AND ht.state = 'acknowledged')`;

/**
 * Whether the actor's scope starts with the cases handled in their organization's subtree (the
 * desk roles): then that branch, which holds most of their cases, can be counted from the kept
 * counts (`counts/`), and only the small branches after it need counting case by case.
 */
export const seesHandlingSubtree = (actor: Actor): boolean => (['admin', 'leader', 'clerk', 'mediator'] as const).some((r) => actor.roles.includes(r));

/**
 * How a scope reads: `many` (lists, counts) with uncorrelated subqueries evaluated once per query;
 * `one` (a case by id) with correlated `EXISTS` on the case's own rows (`case_participants` and
 * `transfers` by `case_id`), a few index reads instead of collecting every participation of the
 * actor (thousands for a busy mediator) on each read of one case.
 */
export type ScopeShape = 'many' | 'one';

/**
 * The conditions of the actor's scope (DOMAIN.md, "Data scope"), one per way a case comes into
 * view, with their parameters. The scope is their `OR`; counts that must be index-served add up
 * the branches instead (`countByBranch` in stats), because no index serves the `OR` as a whole.
 * - desk roles (admin, leader, clerk, mediator): cases handled in their organization's subtree,
 *   cases a pending transfer sends there, cases they work on, and, read-only to their end, cases
 *   their subtree handed over to another organization that acknowledged them;
 * - legal advisers: cases in the villages (and their grids) they serve and cases they joined;
 * - everyone: what they reported (grid workers see nothing else);
 * - channel liaisons: what their channel body sent.
 * The handling subtree comes first: it holds most cases, so the later branches exclude it cheaply.
 */
export function scopeConditions(alias: string, actor: Actor, shape: ScopeShape = 'many'): { branches: string[]; params: Record<string, unknown> } {
  const roles = new Set(actor.roles);
  const p = `scope_${actor.id}`;
  const branches: string[] = [];
  // Many rows: not correlated, evaluated once, not per row (a correlated EXISTS made counts 2x slower).
  const participant =
    shape === 'one'
      ? `EXISTS (SELECT 1 FROM case_participants cp WHERE cp.case_id = ${alias}.id AND cp.user_id = :${p}_user)`
      : `${alias}.id IN (SELECT cp.case_id FROM case_participants cp WHERE cp.user_id = :${p}_user)`;
  const handedOver =
    shape === 'one'
      ? `EXISTS (SELECT 1 FROM transfers ht WHERE ht.case_id = ${alias}.id AND ht.from_org_path LIKE :${p}_path ${LIKE_ESCAPE} AND ht.state = 'acknowledged')`
      : handedOverBy(alias, `:${p}_path`);
  if (seesHandlingSubtree(actor)) {
    branches.push(`${alias}.handling_org_path LIKE :${p}_path ${LIKE_ESCAPE}`, `${alias}.pending_transfer_to_path LIKE :${p}_path ${LIKE_ESCAPE}`, participant, handedOver);
  }
  if (roles.has('adviser')) {
    if (actor.villageIds?.length) branches.push(`${alias}.place_org_id IN (:...${p}_villages)`);
    if (!branches.includes(participant)) branches.push(participant);
  }
  // Everyone sees what they reported themselves (for grid workers, that is all they see).
  branches.push(`${alias}.reporter_id = :${p}_user`);
  if (roles.has('liaison')) branches.push(`${alias}.source_org_id = :${p}_org`);
  return {
    branches,
    params: {
      [`${p}_path`]: `${likeEscape(actor.orgPath)}%`,
      [`${p}_user`]: actor.id,
      [`${p}_org`]: actor.organizationId,
      [`${p}_villages`]: actor.villageIds ?? [],
    },
  };
}

/**
 * Restrict a case query to what the actor may see: the `OR` of `scopeConditions`.
 * Every read of cases goes through here. An actor with none of these roles sees only what they reported.
 */
export function scopeCases<T extends object>(qb: SelectQueryBuilder<T>, alias: string, actor: Actor, shape: ScopeShape = 'many'): SelectQueryBuilder<T> {
  const { branches, params } = scopeConditions(alias, actor, shape);
  return qb.andWhere(
    new Brackets((w) => {
      w.where('1 = 0');
      for (const b of branches) w.orWhere(b);
    }),
    params,
  );
}
