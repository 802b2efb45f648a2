import type { Tiaojie } from '../../src';

/** Every non-zero row of the figures rollup (month and day projections, open counts), as sorted text. */
export async function rollupRows(tj: Tiaojie): Promise<string[]> {
  const out: string[] = [];
  for (const table of ['figure_months', 'figure_days', 'figure_open']) {
    for (const r of (await tj.dataSource.query(`SELECT * FROM ${table}`)) as Array<Record<string, unknown>>) {
      if (Number(r.n) === 0 && Number(r.total ?? 0) === 0) continue;
      const { n, total, ...key } = r;
      out.push(`${table}:${Object.keys(key).sort().map((k) => `${k}=${String(key[k])}`).join(',')}=${Number(n)}/${Number(total ?? 0)}`);
    }
  }
  return out.sort();
}
