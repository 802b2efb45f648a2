/**
 * Presenters: every response body is built here from a record by copying the keys its response
 * schema (schemas.ts) declares. Computed fields (names, light) are added before picking.
 */
import type { Tiaojie } from '@tiaojie/core';
import type Joi from 'joi';
import * as S from './schemas';

export * from './schemas';
export * from './figures';

const KEYS = new WeakMap<Joi.ObjectSchema, string[]>();
const keysOf = (schema: Joi.ObjectSchema) => {
  let keys = KEYS.get(schema);
  if (!keys) KEYS.set(schema, (keys = Object.keys(schema.describe().keys ?? {})));
  return keys;
};

/** A plain object with exactly the schema's keys (absent ones as null). */
export function pick(schema: Joi.ObjectSchema, row: object): Record<string, unknown> {
  const src = row as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keysOf(schema)) out[k] = src[k] === undefined ? null : src[k];
  return out;
}

/** A presenter: a schema and how to make records fit it (batch: one query for all names). */
export interface Presenter {
  schema: Joi.ObjectSchema;
  present(tj: Tiaojie, rows: object[]): Promise<object[]> | object[];
}

/** A presenter that only picks fields. */
export const plain = (schema: Joi.ObjectSchema): Presenter => ({ schema, present: (_tj, rows) => rows.map((r) => pick(schema, r)) });

/** Cases: the row, its light and the names a list needs (one query each); clock and scope columns stay private. */
export const casePresenter: Presenter = {
  schema: S.caseOut,
  async present(tj, rows) {
    const cases = rows as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    // Read with its names already (core's `getNamed`): nothing to look up.
    if (cases.every((c) => c.handlingOrgName !== undefined)) return cases.map((c) => pick(S.caseOut, { ...c, light: c.light ?? null, pendingTransfer: c.pendingTransferToPath != null }));
    const orgIds: number[] = [];
    const userIds: number[] = [];
    for (const c of cases) {
      for (const k of ['handlingOrgId', 'registeringOrgId', 'placeOrgId', 'sourceOrgId']) if (c[k]) orgIds.push(c[k]);
      for (const k of ['mediatorId', 'adviserId']) if (c[k]) userIds.push(c[k]);
    }
    const [orgName, userName] = await Promise.all([tj.organizations.namesOf(orgIds), tj.users.namesOf(userIds)]);
    return cases.map((c) =>
      pick(S.caseOut, {
        ...c,
        light: c.light ?? null,
        handlingOrgName: orgName.get(c.handlingOrgId) ?? null,
        registeringOrgName: orgName.get(c.registeringOrgId) ?? null,
        placeOrgName: c.placeOrgId ? (orgName.get(c.placeOrgId) ?? null) : null,
        mediatorName: c.mediatorId ? (userName.get(c.mediatorId) ?? null) : null,
        adviserName: c.adviserId ? (userName.get(c.adviserId) ?? null) : null,
        pendingTransfer: c.pendingTransferToPath != null,
        sourceOrgName: c.sourceOrgId ? (orgName.get(c.sourceOrgId) ?? null) : null,
      }),
    );
  },
};

/** Fields computed for the reader; sent back in a PUT they are ignored. */
export const COMPUTED_CASE_FIELDS = ['light', 'handlingOrgName', 'registeringOrgName', 'placeOrgName', 'mediatorName', 'adviserName', 'sourceOrgName', 'version'] as const;

/** Policies: the row and the name of the organization it belongs to (whose subtree it governs). */
export const policyPresenter = (schema: Joi.ObjectSchema): Presenter => ({
  schema,
  async present(tj, rows) {
    const policies = rows as Array<{ organizationId: number }>;
    const names = await tj.organizations.namesOf(policies.map((p) => p.organizationId));
    return policies.map((p) => pick(schema, { ...p, organizationName: names.get(p.organizationId) ?? null }));
  },
});

/** Fields computed for the reader of a policy; sent back in a PUT they are ignored. */
export const COMPUTED_POLICY_FIELDS = ['organizationName'] as const;

export const presentCases = (tj: Tiaojie, rows: object[]) => casePresenter.present(tj, rows) as Promise<object[]>;
export const presentUser = (u: object) => pick(S.userOut, u);
