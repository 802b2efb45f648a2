#!/usr/bin/env node
/**
 * `tiaojie-system`: operations on a tiaojie database that run beside (not inside) the API.
 *
 *   tiaojie-system verify-history     verify every case's history; exit 1 at the first broken one
 *   tiaojie-system seal-history       seal the heads of histories written before heads existed
 *   tiaojie-system rotate-data-key    re-encrypt personal data from TIAOJIE_DATA_KEY to TIAOJIE_NEW_DATA_KEY
 *   tiaojie-system rebuild-figures    recompute the figures rollup from the cases and their history
 *   tiaojie-system rebuild-search     recompute the text-search index (case_terms) from the cases
 *   tiaojie-system rebuild-counts     recount the kept case counts (list totals, dashboard) from the cases
 *
 * The database is DATABASE_URL; keys come from the environment as for the server.
 */
import type { DataSource } from 'typeorm';
import { connect, DEFAULT_DATABASE_URL, transaction } from '../db/data-source';
import { sealUnanchored, verifyEveryHistory } from '../history/chain';
import { rebuildFigures } from '../figures/rebuild';
import { rebuildCaseTerms } from '../search/terms';
import { rebuildCounts } from '../counts/case-counts';
import { openTiaojie } from '../tiaojie';
import { rotateDataKey } from './key-rotation';
import { SETTING } from './keys';
import { SettingsService } from './settings.service';

const USAGE = 'usage: tiaojie-system verify-history | seal-history | rotate-data-key | rebuild-figures | rebuild-search | rebuild-counts';

export async function run(argv: string[], out: (s: string) => void = console.log): Promise<number> {
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const command = argv[0];
  if (command === 'verify-history' || command === 'seal-history') {
    const tj = await openTiaojie({ url, warn: () => undefined });
    try {
      if (command === 'seal-history') {
        const r = await tj.dataSource.transaction((em) => sealUnanchored(em));
        out(`sealed ${r.sealed} histories${r.broken.length ? `; broken, left unsealed: cases ${r.broken.join(', ')}` : ''}`);
        return r.broken.length ? 1 : 0;
      }
      const r = await verifyEveryHistory(tj.dataSource.manager, (n) => out(`… ${n} cases verified`));
      if (r.broken) {
        const v = r.broken.verdict as { brokenAtSeq: number; reason: string };
        out(`BROKEN: case ${r.broken.caseId}, event ${v.brokenAtSeq} (${v.reason}); ${r.checked} cases checked`);
        return 1;
      }
      out(`ok: ${r.checked} case histories verified`);
      return 0;
    } finally {
      await tj.close();
    }
  }
  const progress = (n: number) => n % 100_000 === 0 && out(`… ${n} cases`);
  const rebuilds: Record<string, (ds: DataSource) => Promise<string>> = {
    'rebuild-figures': async (ds) => {
      const r = await rebuildFigures(ds, { batch: 2000, onProgress: progress });
      return `rebuilt: ${r.cases} cases, ${r.cells} cells`;
    },
    'rebuild-search': async (ds) => {
      const r = await rebuildCaseTerms(ds, { batch: 2000, onProgress: progress });
      return `rebuilt: ${r.cases} cases, ${r.terms} terms`;
    },
    'rebuild-counts': async (ds) => {
      const r = await transaction(ds, (em) => rebuildCounts(em, new Date()));
      return `recounted: ${r.cases} cases in ${r.rows} count rows`;
    },
  };
  const rebuild = Object.prototype.hasOwnProperty.call(rebuilds, command) ? rebuilds[command] : undefined;
  if (rebuild) {
    const ds = await connect(url);
    try {
      out(await rebuild(ds));
      return 0;
    } finally {
      await ds.destroy();
    }
  }
  if (command === 'rotate-data-key') {
    const next = process.env.TIAOJIE_NEW_DATA_KEY;
    if (!next) {
      out('Set TIAOJIE_NEW_DATA_KEY (base64, 32 bytes: `openssl rand -base64 32`) and TIAOJIE_DATA_KEY (the current key).');
      return 2;
    }
    const ds = await connect(url);
    try {
      const old = process.env.TIAOJIE_DATA_KEY || (await new SettingsService(ds).get(SETTING.storedDataKey));
      if (!old) {
        out('Set TIAOJIE_DATA_KEY to the current key.');
        return 2;
      }
      const r = await rotateDataKey(ds, { oldKey: old, newKey: next, resealHistory: !process.env.TIAOJIE_HISTORY_KEY, log: out });
      out(`rotated: ${r.parties} parties re-encrypted, ${r.heads} history heads re-sealed. Start the server with TIAOJIE_DATA_KEY set to the new key.`);
      return 0;
    } finally {
      await ds.destroy();
    }
  }
  out(USAGE);
  return 2;
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`tiaojie-system: ${e?.message ?? e}`);
      process.exit(1);
    },
  );
}
