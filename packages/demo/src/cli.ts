#!/usr/bin/env node
/**
 * tiaojie-demo: fill an empty database with the demo county.
 *
 *   tiaojie-demo (node packages/demo/dist/cli.js) [--url sqlite:./data/demo.sqlite] [--cases 300] [--bulk 100000] [--seed 20260101] [--days 90]
 *
 * Passwords: TIAOJIE_DEMO_PASSWORD (default demo1234) and TIAOJIE_ADMIN_PASSWORD (default: the
 * demo password) from the environment; passwords given that way are never printed.
 */
import { parseArgs } from 'node:util';
import { openTiaojie } from '@tiaojie/core';
import { generateCases } from './bulk';
import { seedDemo } from './seed';

const USAGE = 'usage: tiaojie-demo [--url sqlite:./data/demo.sqlite] [--cases 300] [--bulk 100000] [--seed N] [--days 90]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.DATABASE_URL ?? 'sqlite:./data/demo.sqlite' },
      cases: { type: 'string', default: '300' },
      bulk: { type: 'string', default: '0' },
      seed: { type: 'string' },
      days: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const int = (name: string, v: string | undefined, min: number) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new TypeError(`--${name} must be an integer ≥ ${min}\n${USAGE}`);
    return n;
  };
  const cases = int('cases', values.cases, 0)!;
  const bulk = int('bulk', values.bulk, 0)!;
  const tj = await openTiaojie({ url: values.url });
  try {
    const users = await tj.users.count();
    if (users > 0) {
      console.error(`The database at ${values.url.replace(/\/\/[^@]*@/, '//***@')} is not empty (${users} users): the demo only fills an empty database.`);
      return 2;
    }
    const summary = await seedDemo(tj, {
      cases,
      seed: int('seed', values.seed, 0),
      days: int('days', values.days, 7),
      demoPassword: process.env.TIAOJIE_DEMO_PASSWORD || undefined,
      adminPassword: process.env.TIAOJIE_ADMIN_PASSWORD || undefined,
      log: (line) => console.log(line),
    });
    if (bulk > 0) {
      console.log(`批量生成 ${bulk} 件案件…`);
      const r = await generateCases(tj, summary, bulk, { log: (line) => console.log(line) });
      console.log(`批量生成完成：${r.cases} 件案件，${r.parties} 名当事人，${r.events} 条历史记录，用时 ${(r.elapsedMs / 1000).toFixed(1)} 秒（${Math.round(r.cases / (r.elapsedMs / 1000))} 件/秒）`);
    }
    console.log('');
    console.log(summary.table);
    return 0;
  } finally {
    await tj.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
