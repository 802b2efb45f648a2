import { expect } from 'chai';
import fc from 'fast-check';
import { call, forEachEngine, walkIn } from './support/harness';

/**
 * Property-based fuzzing of the write endpoints and the list parameters (issue 12): whatever a
 * client sends, the answer is a success or a 4xx with a JSON error body, never a 5xx, and a
 * refused write changes nothing (the case count and the cases' versions stay as they were).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

/** JSON-ish values, with the shapes that tend to break parsers: deep nesting, long strings, odd keys. */
const junk = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('', ' ', '%', '_', '\\', "'; DROP TABLE cases; --", '9'.repeat(40), '-1', '1e309', '0x10', '2026-02-30', '__proto__'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'version', 'status')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const isJsonError = (r: { status: number; body: unknown; headers: Headers }) =>
  r.status >= 400 && r.status < 500 && /application\/json/.test(r.headers.get('content-type') ?? '') && typeof (r.body as { error?: { code?: unknown } })?.error?.code === 'string';

forEachEngine('fuzzing', (get) => {
  let caseId = 0;
  before(async () => {
    const { run, center } = get();
    const r = await call(run.base, 'POST', '/api/cases', { token: center.token.clerk, body: walkIn(center.org.eastVillage.id) });
    expect(r.status).to.equal(201);
    caseId = r.body.id;
  });

  /** Every case's id and version: a refused write must leave this as it was. */
  const snapshot = async () => {
    const r = await call(get().run.base, 'GET', `/api/cases?range=${encodeURIComponent('[0,999]')}&sort=${encodeURIComponent('["id","ASC"]')}`, { token: get().center.token.admin });
    expect(r.status).to.equal(200);
    return (r.body as Array<{ id: number; version: number; status: string }>).map((c) => `${c.id}:${c.version}:${c.status}`).join(',');
  };

  it('answers any list parameters with 200 or a 4xx JSON error', async function () {
    this.timeout(120_000);
    const { run, center } = get();
    const param = fc.oneof(fc.string({ maxLength: 80 }), junk.map((v) => JSON.stringify(v)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('cases', 'organizations', 'users', 'consultations', 'legal-opinions', 'sla-policies'), param, param, param, async (resource, sort, range, filter) => {
        const qs = new URLSearchParams({ sort, range, filter }).toString();
        const r = await call(run.base, 'GET', `/api/${resource}?${qs}`, { token: center.token.admin });
        if (r.status === 200) return Array.isArray(r.body);
        return isJsonError(r);
      }),
      { numRuns: RUNS },
    );
  });

  let created = 0;
  it('refuses any malformed registration with a 4xx JSON error and registers nothing', async function () {
    this.timeout(120_000);
    const { run, center } = get();
    const before = await snapshot();
    // Start from a valid body and break one field, or send junk outright.
    const valid = walkIn(center.org.eastVillage.id) as Record<string, unknown>;
    const broken = fc.oneof(
      junk,
      fc.tuple(fc.constantFrom(...Object.keys(valid), 'parties.0.idNumber', 'parties.0.role', 'amountFen'), junk).map(([key, v]) => {
        const body = structuredClone(valid) as Record<string, any>;
        if (key.startsWith('parties.0.')) body.parties[0][key.slice('parties.0.'.length)] = v;
        else body[key] = v;
        return body;
      }),
    );
    await fc.assert(
      fc.asyncProperty(broken, async (body) => {
        const r = await call(run.base, 'POST', '/api/cases', { token: center.token.clerk, body });
        // A junk variation may still be a valid registration (a different title, say): then it is a 201.
        if (r.status === 201) {
          created++;
          return true;
        }
        return isJsonError(r);
      }),
      { numRuns: RUNS },
    );
    // The refused ones left every case as it was; the accepted ones only added theirs.
    const after = (await snapshot()).split(',');
    expect(after.slice(0, before.split(',').length).join(',')).to.equal(before);
    expect(after.length - before.split(',').length).to.equal(created);
  });

  it('refuses any malformed transition or edit with a 4xx JSON error and changes nothing', async function () {
    this.timeout(120_000);
    const { run, center } = get();
    const before = await snapshot();
    const current = (await call(run.base, 'GET', `/api/cases/${caseId}`, { token: center.token.clerk })).body;
    const body = fc.oneof(
      junk,
      fc.record({ action: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('accept', 'reject', 'assign', 'settle', 'close', '__proto__')), version: fc.oneof(fc.integer(), fc.constant(current.version + 1), junk) }, { requiredKeys: [] }),
      fc.record({ action: fc.constant('reject'), version: fc.constant(current.version + 7), reason: junk }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('POST', 'PUT'), body, fc.oneof(fc.constant(String(caseId)), fc.constantFrom('0', '-1', 'abc', '1e3', '99999999999')), async (method, b, id) => {
        const path = method === 'POST' ? `/api/cases/${id}/transitions` : `/api/cases/${id}`;
        // Every write here must be refused: a body that happens to carry the current version is
        // made stale, so only the refusal paths are under test.
        if (b && typeof b === 'object' && (b as { version?: unknown }).version === current.version) (b as { version: number }).version = current.version + 1;
        const r = await call(run.base, method, path, { token: center.token.clerk, body: b });
        return isJsonError(r);
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).to.equal(before);
  });
});
