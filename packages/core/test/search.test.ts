import { expect } from 'chai';
import { Actor, LoadCase, loadCases, ManualClock, rebuildCaseTerms, Tiaojie } from '../src';
import { textMatch } from '../src/cases/case-query';
import { likeEscape } from '../src/cases/scope';
import { fold, termQuery, termsOf } from '../src/search/text-terms';
import { buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)];
  return { next, int, pick };
}

// Few letters, so random texts share pairs and queries find something; cases, widths and accents
// that the engines' LIKE may or may not treat as equal.
const ALPHABET = [...'王张李三四纠纷调解村东河', 'a', 'A', 'b', 'B', 'Ｃ', 'c', 'é', 'e', '1', '2', '-', '%', '_', ' '];

describe('text search terms', () => {
  it('folds case, width and accents, character by character', () => {
    expect(String.fromCodePoint(...fold('ÉcoleＡＢ王'))).to.equal('ecoleab王');
    // Σ lowercases to σ wherever it stands (a whole-string lowercase gives ς at the end of a word).
    expect(String.fromCodePoint(...fold('ΟΔΟΣ'))).to.equal('οδοσ');
  });

  it('cuts each field into pairs plus its last character, never across fields', () => {
    const terms = termsOf({ caseNumber: 'AB', title: '王五', description: 'c', sourceRef: null, partyNames: ['李'] });
    const pair = (x: string, y?: string) => x.codePointAt(0)! * 0x110000 + (y ? y.codePointAt(0)! : 0);
    expect(terms).to.deep.equal([pair('a', 'b'), pair('b'), pair('c'), pair('五'), pair('李'), pair('王', '五')].sort((x, y) => x - y));
    expect(terms).to.not.include(pair('b', '王'));
  });

  it('asks for every pair of a longer query, and the pairs one character begins', () => {
    expect(termQuery('王王王').kind).to.equal('pairs');
    expect(termQuery('王王王')).to.deep.equal({ kind: 'pairs', terms: ['王'.codePointAt(0)! * 0x110001] });
    const one = termQuery('王');
    expect(one).to.deep.equal({ kind: 'range', from: '王'.codePointAt(0)! * 0x110000, to: ('王'.codePointAt(0)! + 1) * 0x110000 });
    expect(termQuery('  ').kind).to.equal('pairs');
    expect(termQuery('').kind).to.equal('none');
  });
});

forEachEngine('text search through case_terms', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
  const r = rng(12);
  const letter = (inner: boolean) => (inner ? r.pick(ALPHABET) : r.pick(ALPHABET.filter((x) => x !== ' ')));
  const word = (min: number, max: number) => {
    const n = r.int(min, max);
    return Array.from({ length: n }, (_x, i) => letter(i > 0 && i < n - 1)).join('');
  };
  const texts: string[] = [];
  const remember = (...xs: string[]) => {
    texts.push(...xs);
    return xs;
  };

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
  });
  after(() => tj?.close());

  const snapshot = async () => (await tj.dataSource.query('SELECT term, case_id FROM case_terms ORDER BY term, case_id')).map((x: { term: number | string; case_id: number | string }) => `${x.term}/${x.case_id}`);

  /** The old answer: every case in the actor's scope whose text matches `LIKE '%q%'`, without the index. */
  const scan = async (actor: Actor, q: string) =>
    (await tj.cases.scoped(tj.dataSource.manager, actor).select('c.id', 'id').andWhere(textMatch('c', 'f_q'), { f_q: `%${likeEscape(q.trim())}%` }).orderBy('c.id', 'DESC').getRawMany()).map((x: { id: number | string }) => Number(x.id));
  const search = async (actor: Actor, q: string) => {
    const page = await tj.cases.list(actor, { filter: { q }, range: [0, 999] });
    return { ids: page.rows.map((c) => c.id), total: page.total };
  };

  it('keeps the terms of registered, loaded and edited cases equal to a rebuild', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const [title, description, a, b] = remember(word(2, 12), word(5, 30), word(1, 6), word(1, 6));
      const at = r.next() < 0.5 ? center.actor.clerk : center.actor.westClerk;
      const org = at === center.actor.clerk ? center.org.east : center.org.west;
      const { case: c } = await tj.cases.register(at, { ...walkIn({ title, description }), organizationId: org.id, parties: [{ role: 'applicant', kind: 'person', name: a }, { role: 'respondent', kind: 'person', name: b }] });
      ids.push(c.id);
    }
    const loaded: LoadCase[] = Array.from({ length: 20 }, (_x, i) => {
      const [title, description, a, b, ref] = remember(word(2, 12), word(5, 30), word(1, 6), word(1, 6), word(3, 10));
      return {
        ...(walkIn({ title, description }) as Omit<LoadCase, 'organizationId' | 'registeredAt' | 'registeredById' | 'steps'>),
        channel: 'hotline', sourceRef: `${ref}${i}`,
        parties: [{ role: 'applicant', kind: 'person', name: a }, { role: 'respondent', kind: 'person', name: b }],
        organizationId: center.org.west.id, registeredAt: new Date(clock.now().getTime() - (i + 1) * 3_600_000), registeredById: center.user.westClerk.id, steps: [],
      };
    });
    ids.push(...(await loadCases(tj, loaded)).ids);

    for (let k = 0; k < 40; k++) {
      const id = r.pick(ids);
      const c = await tj.cases.get(center.actor.admin, id);
      const actor = c.handlingOrgId === center.org.east.id ? center.actor.clerk : center.actor.westClerk;
      const roll = r.next();
      if (roll < 0.4) {
        const [title, description] = remember(word(2, 12), word(5, 30));
        await tj.cases.run(actor, id, 'edit', r.next() < 0.5 ? { title } : { description }, c.version);
      } else if (roll < 0.7) {
        const [name] = remember(word(1, 6));
        await tj.cases.run(actor, id, 'editParty', { role: 'third_party', kind: 'person', name }, c.version);
      } else {
        const parties = await tj.cases.parties(actor, id);
        const [name] = remember(word(1, 6));
        await tj.cases.run(actor, id, 'editParty', { partyId: r.pick(parties).id, name }, c.version);
      }
    }
    const maintained = await snapshot();
    expect(maintained.length).to.be.greaterThan(1000);
    const rebuilt = await rebuildCaseTerms(tj.dataSource, { batch: 7 });
    expect(rebuilt.cases).to.equal(50);
    expect(await snapshot()).to.deep.equal(maintained);
  });

  it('follows an edit of the title, a renamed party and a new one at once', async () => {
    const { case: c } = await tj.cases.register(center.actor.clerk, { ...walkIn({ title: '甲乙丙丁的排水纠纷' }), organizationId: center.org.east.id });
    expect((await search(center.actor.admin, '丙丁')).ids).to.deep.equal([c.id]);
    const edited = await tj.cases.run(center.actor.clerk, c.id, 'edit', { title: '戊己庚辛的排水纠纷' }, c.version);
    expect((await search(center.actor.admin, '丙丁')).ids).to.deep.equal([]);
    expect((await search(center.actor.admin, '庚辛')).ids).to.deep.equal([c.id]);
    const [first] = await tj.cases.parties(center.actor.clerk, c.id);
    const renamed = await tj.cases.run(center.actor.clerk, c.id, 'editParty', { partyId: first.id, name: '欧阳子墨' }, edited.version);
    expect((await search(center.actor.admin, first.name)).ids).to.not.include(c.id);
    expect((await search(center.actor.admin, '阳子')).ids).to.deep.equal([c.id]);
    await tj.cases.run(center.actor.clerk, c.id, 'editParty', { role: 'third_party', kind: 'person', name: '司马相如' }, renamed.version);
    expect((await search(center.actor.admin, '马相')).ids).to.deep.equal([c.id]);
    // The scan, asked the same, agrees (the option that skips the index).
    expect((await tj.cases.list(center.actor.admin, { filter: { q: '马相' }, scanText: true })).rows.map((x) => x.id)).to.deep.equal([c.id]);
  });

  it('answers what the LIKE scan answers, for random queries, in every scope', async () => {
    const queries: string[] = [];
    for (let i = 0; i < 80; i++) {
      const t = r.pick(texts);
      const from = r.int(0, Math.max(0, t.length - 1));
      const sub = t.slice(from, from + r.int(1, 5));
      // Some as stored, some with another case, some made up.
      queries.push(i % 4 === 3 ? word(1, 4) : i % 4 === 2 ? sub.toUpperCase() : sub);
    }
    queries.push('王', '纠纷', 'é', 'E', 'ｃ', '%', '_', '平东', '2026', '（2026）平东');
    let found = 0;
    for (const q of queries.filter((x) => x.trim())) {
      for (const actor of [center.actor.admin, center.actor.clerk, center.actor.westMediator]) {
        const expected = await scan(actor, q);
        const got = await search(actor, q);
        expect(got.ids, `q=${JSON.stringify(q)} as ${actor.name}`).to.deep.equal(expected);
        expect(got.total, `total of q=${JSON.stringify(q)}`).to.equal(expected.length);
        found += expected.length;
      }
    }
    expect(found, 'the queries find cases at all').to.be.greaterThan(100);
  });

  it('finds nothing for a pair no case has, and pages with a total', async () => {
    expect(await search(center.actor.admin, '囧囧')).to.deep.equal({ ids: [], total: 0 });
    const all = await scan(center.actor.admin, '平');
    const page = await tj.cases.list(center.actor.admin, { filter: { q: '平' }, range: [0, 4] });
    expect(page.rows.map((c) => c.id)).to.deep.equal(all.slice(0, 5));
    expect(page.total).to.equal(all.length);
  });
});
