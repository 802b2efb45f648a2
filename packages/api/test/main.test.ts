import { expect } from 'chai';
import { openTiaojie } from '@tiaojie/core';
import { bootstrap } from '../src/main';
import { DATA_KEY, sqliteDb } from './support/harness';

describe('bootstrap(tj) on first start', () => {
  it('creates an admin with TIAOJIE_ADMIN_PASSWORD on an empty database, and nothing on the next start', async () => {
    const db = await sqliteDb();
    const tj = await openTiaojie({ url: db.url, dataKey: DATA_KEY });
    const saved = process.env.TIAOJIE_ADMIN_PASSWORD;
    process.env.TIAOJIE_ADMIN_PASSWORD = 'first start password';
    try {
      await bootstrap(tj);
      const admin = await tj.users.authenticate('admin', 'first start password');
      expect(admin?.roles).to.deep.equal(['admin']);
      process.env.TIAOJIE_ADMIN_PASSWORD = 'another password';
      await bootstrap(tj);
      expect(await tj.users.count()).to.equal(1);
      expect(await tj.users.authenticate('admin', 'another password')).to.equal(null);
    } finally {
      if (saved === undefined) delete process.env.TIAOJIE_ADMIN_PASSWORD;
      else process.env.TIAOJIE_ADMIN_PASSWORD = saved;
      await tj.close();
      await db.drop();
    }
  });
});
