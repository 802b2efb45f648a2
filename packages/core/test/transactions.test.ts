import { expect } from 'chai';
import { Setting, Tiaojie, transaction } from '../src';
import { forEachEngine } from './support/engines';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

forEachEngine('transactions', ({ db }) => {
  let tj: Tiaojie;
  before(async () => (tj = await db().open()));
  after(() => tj?.close());

  it('keeps a write made elsewhere while a transaction is open when that transaction rolls back', async () => {
    const failing = transaction(tj.dataSource, async (em) => {
      await em.getRepository(Setting).insert({ key: 'inside', value: '1' });
      await pause(50);
      throw new Error('boom');
    });
    await pause(10);
    const outside = tj.dataSource.getRepository(Setting).save({ key: 'outside', value: '2' });
    const [f, o] = await Promise.allSettled([failing, outside]);
    expect(f.status).to.equal('rejected');
    expect(o.status).to.equal('fulfilled');
    expect(await tj.settings.get('inside')).to.equal(null);
    expect(await tj.settings.get('outside')).to.equal('2');
  });

  it('does not show another caller what an open transaction has not committed', async () => {
    const tx = transaction(tj.dataSource, async (em) => {
      await em.getRepository(Setting).insert({ key: 'uncommitted', value: '1' });
      await pause(50);
      throw new Error('rolled back');
    });
    await pause(10);
    const seen = await tj.settings.get('uncommitted');
    await tx.catch(() => undefined);
    expect(seen).to.equal(null);
  });

  it('joins the open transaction when a command calls transaction() again', async () => {
    await transaction(tj.dataSource, async (em) => {
      await em.getRepository(Setting).insert({ key: 'outer', value: '1' });
      await transaction(tj.dataSource, async (inner) => inner.getRepository(Setting).insert({ key: 'inner', value: '1' }));
    });
    expect(await tj.settings.get('inner')).to.equal('1');
  });
});
