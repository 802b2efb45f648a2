/**
 * Statements per command, counted with a query logger: one registration and one recorded
 * session through core, on SQLite (the same statements run on MariaDB). Marks where the
 * case-number counter is taken, so what runs under its lock shows.
 *   cd packages/core && npx tsx bench/count-statements.ts [--sql]
 */
import 'reflect-metadata';
import type { Logger } from 'typeorm';
import { openTiaojie } from '../src';
import { testDatabase } from '../src/testing';
import { buildCenter, clockAt, walkIn } from '../test/support/center';
import { walk } from '../test/support/walk';

async function main() {
  const show = process.argv.includes('--sql');
  const d = await testDatabase((process.env.ENGINE as 'sqlite' | 'mysql') ?? 'sqlite');
  const clock = clockAt('2026-11-20T02:00:00Z');
  const tj = await openTiaojie({ dataKey: Buffer.alloc(32, 7).toString('base64'), url: d.url, clock });
  try {
    const center = await buildCenter(tj);
    const a = center.actor;
    let log: string[] | null = null;
    const logger: Logger = {
      logQuery: (q) => void log?.push(q.replace(/\s+/g, ' ')),
      logQueryError: () => {},
      logQuerySlow: () => {},
      logSchemaBuild: () => {},
      logMigration: () => {},
      log: () => {},
    };
    (tj.dataSource as unknown as { logger: Logger }).logger = logger;
    const count = async (name: string, f: () => Promise<unknown>) => {
      log = [];
      await f();
      const lines = log.filter((q) => !/^(START TRANSACTION|BEGIN|COMMIT|SAVEPOINT|RELEASE)/i.test(q));
      const at = lines.findIndex((q) => /UPDATE .case_number_counters/i.test(q));
      const locked = at < 0 ? 0 : lines.slice(at).length;
      console.log(`${name}: ${lines.length} statements${at < 0 ? '' : `, ${locked} of them with the counter locked`}`);
      if (show) lines.forEach((q, i) => console.log(`  ${i + 1}${at >= 0 && i >= at ? '*' : ' '} ${q.slice(0, 220)}`));
      log = null;
    };
    // A first registration of the year inserts the counter: count a second one.
    const first = await tj.cases.register(a.clerk, walkIn());
    await count('register a walk-in case', () => tj.cases.register(a.clerk, walkIn({ title: '第二件邻里纠纷' })));
    const c = await walk(tj, clock, first.case.id, [
      [a.clerk, 'accept', { triage: 'minor', risk: 'low' }],
      [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
      [a.eastMediator, 'startMediation'],
      [a.eastMediator, 'recordSession', { heldAt: '2026-11-20T01:00:00Z', place: '调解室', participants: '双方', minutes: '一' }],
    ]);
    await count('record a session', () =>
      tj.cases.run(a.eastMediator, c.id, 'recordSession', { heldAt: '2026-11-20T01:30:00Z', place: '调解室', participants: '双方', minutes: '二' }, c.version),
    );
  } finally {
    await tj.close();
    await d.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
