import { expect } from 'chai';
import { openTiaojie } from '@tiaojie/core';
import { bootstrap } from '../src/main';
import { DATA_KEY, sqliteDb } from './support/harness';

const quiet = { info: () => undefined, warn: () => undefined };

describe('bootstrap(tj) on first start', () => {
  it('creates an admin with TIAOJIE_ADMIN_PASSWORD on an empty database, and nothing on the next start', async () => {
    const db = await sqliteDb();
    const tj = await openTiaojie({ url: db.url, dataKey: DATA_KEY });
    const saved = process.env.TIAOJIE_ADMIN_PASSWORD;
    process.env.TIAOJIE_ADMIN_PASSWORD = 'first start password';
    try {
      await bootstrap(tj, quiet);
      const admin = await tj.users.authenticate('admin', 'first start password');
      expect(admin?.roles).to.deep.equal(['admin']);
      process.env.TIAOJIE_ADMIN_PASSWORD = 'another password';
      await bootstrap(tj, quiet);
      expect(await tj.users.count()).to.equal(1);
      expect(await tj.users.authenticate('admin', 'another password')).to.equal(null);
    } finally {
      if (saved === undefined) delete process.env.TIAOJIE_ADMIN_PASSWORD;
      else process.env.TIAOJIE_ADMIN_PASSWORD = saved;
      await tj.close();
      await db.drop();
    }
  });

  it('fills an empty database with the demo center when TIAOJIE_DEMO=1, the admin with TIAOJIE_ADMIN_PASSWORD', async function () {
    this.timeout(180_000);
    const db = await sqliteDb();
    const tj = await openTiaojie({ url: db.url, dataKey: DATA_KEY });
    const saved = { demo: process.env.TIAOJIE_DEMO, password: process.env.TIAOJIE_ADMIN_PASSWORD };
    const printed: string[] = [];
    const consoleLog = console.log;
    try {
      process.env.TIAOJIE_DEMO = '1';
      process.env.TIAOJIE_ADMIN_PASSWORD = 'demo admin password';
      console.log = (...args: unknown[]) => void printed.push(args.join(' '));
      await bootstrap(tj, quiet);
      console.log = consoleLog;
      expect(await tj.isEmpty()).to.equal(false);
      const admin = await tj.users.authenticate('admin', 'demo admin password');
      expect(admin?.roles).to.deep.equal(['admin']);
      expect(await tj.users.authenticate('cg_med1', 'demo1234')).to.include({ username: 'cg_med1' });
      expect((await tj.cases.list(await tj.actorFor(admin!.id), { range: [0, 0] })).total).to.be.at.least(300);
      expect(printed.join('\n')).to.include('cg_med1').and.not.include('demo admin password');
    } finally {
      console.log = consoleLog;
      for (const [k, v] of [['TIAOJIE_DEMO', saved.demo], ['TIAOJIE_ADMIN_PASSWORD', saved.password]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await tj.close();
      await db.drop();
    }
  });

  it('says so, in the log and on the console, when TIAOJIE_DEMO=1 meets a database that already has data', async () => {
    const db = await sqliteDb();
    const tj = await openTiaojie({ url: db.url, dataKey: DATA_KEY });
    const saved = { demo: process.env.TIAOJIE_DEMO, password: process.env.TIAOJIE_ADMIN_PASSWORD };
    const printed: string[] = [];
    const warnings: string[] = [];
    const consoleLog = console.log;
    try {
      process.env.TIAOJIE_ADMIN_PASSWORD = 'first start password';
      delete process.env.TIAOJIE_DEMO;
      await bootstrap(tj, quiet);
      process.env.TIAOJIE_DEMO = '1';
      console.log = (...args: unknown[]) => void printed.push(args.join(' '));
      await bootstrap(tj, { info: () => undefined, warn: (msg: string) => void warnings.push(msg) });
      console.log = consoleLog;
      expect(await tj.users.count()).to.equal(1);
      expect(warnings.join('\n')).to.match(/TIAOJIE_DEMO=1/).and.match(/already has data/).and.match(/no demo/);
      const text = printed.join('\n');
      expect(text).to.match(/already has data/).and.match(/no demo center was loaded/);
      expect(text).to.include('rm -rf data && TIAOJIE_DEMO=1 npm start').and.include('DATABASE_URL');
    } finally {
      console.log = consoleLog;
      for (const [k, v] of [['TIAOJIE_DEMO', saved.demo], ['TIAOJIE_ADMIN_PASSWORD', saved.password]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await tj.close();
      await db.drop();
    }
  });
});
