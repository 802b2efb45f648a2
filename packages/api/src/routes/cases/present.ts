/** Cases as the API shows them: the row, its light, and the names a list needs (one query each). */
import { Organization, User } from '@tiaojie/core';
import { In } from 'typeorm';
import type { Deps } from '../../context';

/** Fields computed for the reader; sent back in a PUT they are ignored. */
export const COMPUTED_CASE_FIELDS = ['light', 'handlingOrgName', 'registeringOrgName', 'placeOrgName', 'mediatorName', 'adviserName', 'version'] as const;

export async function presentCases<C extends Record<string, any>>(deps: Deps, rows: C[]): Promise<object[]> {
  if (rows.length === 0) return [];
  const orgIds = new Set<number>();
  const userIds = new Set<number>();
  for (const c of rows) {
    for (const k of ['handlingOrgId', 'registeringOrgId', 'placeOrgId']) if (c[k]) orgIds.add(c[k]);
    for (const k of ['mediatorId', 'adviserId']) if (c[k]) userIds.add(c[k]);
  }
  const ds = deps.tj.dataSource;
  const [orgs, users] = await Promise.all([
    orgIds.size ? ds.getRepository(Organization).find({ select: { id: true, name: true }, where: { id: In([...orgIds]) } }) : [],
    userIds.size ? ds.getRepository(User).find({ select: { id: true, displayName: true }, where: { id: In([...userIds]) } }) : [],
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((c) => {
    // Internal bookkeeping of the clock and the scope index stays inside.
    const { handlingOrgPath, pendingTransferToPath, pausedRemainingMs, pausedYellowRemainingMs, ...rest } = c;
    return {
      ...rest,
      light: c.light ?? null,
      handlingOrgName: orgName.get(c.handlingOrgId) ?? null,
      registeringOrgName: orgName.get(c.registeringOrgId) ?? null,
      placeOrgName: c.placeOrgId ? (orgName.get(c.placeOrgId) ?? null) : null,
      mediatorName: c.mediatorId ? (userName.get(c.mediatorId) ?? null) : null,
      adviserName: c.adviserId ? (userName.get(c.adviserId) ?? null) : null,
      pendingTransfer: pendingTransferToPath != null,
    };
  });
}
