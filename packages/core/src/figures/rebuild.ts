import type { DataSource } from 'typeorm';
import { transaction } from '../db/data-source';
import { rebuildFiguresIn } from './rollup';

/**
 * Recompute the whole rollup from the cases and their history (the `rebuild-figures` command:
 * after an import, or to check the rollup kept in step with the commands), in one transaction.
 * (Apart from `rollup.ts`, which the migration that fills the rollup imports, so that
 * `db/data-source.ts` → migrations → rollup makes no cycle.)
 * @returns how many cases and projection rows were written
 */
export function rebuildFigures(ds: DataSource, opts: { batch?: number; onProgress?: (cases: number) => void } = {}): Promise<{ cases: number; cells: number }> {
  return transaction(ds, (em) => rebuildFiguresIn(em, opts));
}
