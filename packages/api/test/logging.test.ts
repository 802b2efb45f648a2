import { expect } from 'chai';
import { Writable } from 'node:stream';
import { maskIdNumber } from '@tiaojie/core';
import pino from 'pino';
import { buildCenter, call, sqliteDb, startApp, walkIn, ZHANG_ID, type Center, type Running, type TestDb } from './support/harness';

/** A pino logger writing JSON lines into memory. */
function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), text: () => lines.join('\n') };
}

describe('the request log (SQLite)', function () {
  let db: TestDb;
  let run: Running;
  let center: Center;
  const memory = memoryLogger();

  before(async () => {
    db = await sqliteDb();
    run = await startApp(db.url, { log: memory.log });
    center = await buildCenter(run);
    const c = await call(run.base, 'POST', '/api/cases', { token: center.token.clerk, body: walkIn(center.org.eastVillage.id) });
    expect(c.status).to.equal(201);
  });
  after(async () => {
    await run.close();
    await db.drop();
  });

  it('never holds a full ID card number from a request path, only the masked one', async () => {
    const lower = ZHANG_ID.slice(0, 17) + 'x';
    const escaped = ZHANG_ID.slice(0, 10) + encodeURIComponent(ZHANG_ID.slice(10)).replace(/\d/g, (d) => `%3${d}`);
    for (const path of [`/api/persons/${ZHANG_ID}/cases`, `/api/persons/${escaped}/cases`, `/api/persons/${lower}/cases`, `/api/persons/${ZHANG_ID}999/cases`]) {
      const r = await call(run.base, 'GET', path, { token: center.token.clerk });
      expect(r.status, path).to.be.oneOf([200, 400, 404]);
    }
    const person = await call(run.base, 'GET', `/api/persons/${ZHANG_ID}/cases`, { token: center.token.clerk });
    expect(person.body).to.have.length(1);
    const log = memory.text();
    expect(log).to.include(`/api/persons/${maskIdNumber(ZHANG_ID)}/cases`);
    expect(log).not.to.include(ZHANG_ID);
    expect(log).not.to.include(lower);
    expect(log).not.to.match(/\d{17}[\dXx]/);
    expect(log).not.to.include(ZHANG_ID.slice(10));
  });
});
