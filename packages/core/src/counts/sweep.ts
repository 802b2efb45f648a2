import type { DataSource } from 'typeorm';
import { transaction } from '../db/data-source';
import { dueForCounting, refreshCaseCounts } from './case-counts';

/**
 * Move the cases whose light the clock changed (green → yellow → red) to their new count key, one
 * transaction per case, in id order. Run by the light sweep; readers correct for cases it has not
 * reached yet, so this keeps that correction small rather than making totals right.
 * @returns how many cases moved
 */
export async function sweepCounts(ds: DataSource, now: Date, batch = 500): Promise<number> {
  let moved = 0;
  for (let after = 0; ; ) {
    const ids = await dueForCounting(ds.manager, now, after, batch);
    for (const id of ids) if (await transaction(ds, (em) => refreshCaseCounts(em, id, now))) moved++;
    if (ids.length < batch) return moved;
    after = ids[ids.length - 1];
  }
}
