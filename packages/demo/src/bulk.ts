/**
 * Bulk cases for benchmarks: random but plausible cases for the demo county, loaded through
 * core's bulk loader (`loadCases`), which keeps the invariants of the commands (gapless case
 * numbers continuing the counters, parties stored like `register` stores them, hash-chained
 * histories that `verifyHistory` accepts, clocks from the SLA policies). This module only
 * decides what the cases are; it never touches the database itself.
 *
 * The loader assigns row ids itself: run it while nothing else writes cases.
 */
import { caseYear, loadCases } from '@tiaojie/core';
import type { CaseStatus, Category, Channel, LoadableAction, LoadCase, LoadStep, PartyInput, Tiaojie } from '@tiaojie/core';
import type { DemoOrganization } from './county';
import { creditCode, PersonFactory } from './people';
import { DAY, HOUR } from './plan';
import { Rng } from './random';
import type { DemoSummary } from './seed';
import { fill, STORIES } from './stories';

export interface GenerateOptions {
  /** PRNG seed (default 7). */
  seed?: number;
  /** Registrations spread over this many days before now (default 365). */
  days?: number;
  /** Cases per transaction (default 2000). */
  batchSize?: number;
  /** Distinct people the parties are drawn from (default n / 2): the rest recur, for 一人一档. */
  people?: number;
  log?: (line: string) => void;
}

export interface GenerateResult {
  cases: number;
  parties: number;
  events: number;
  firstId: number;
  lastId: number;
  elapsedMs: number;
  /** A person's ID number that occurs in several generated cases, for 一人一档 lookups. */
  sampleIdNumber: string;
}

const PATHS: Record<CaseStatus, LoadableAction[]> = {
  registered: [],
  rejected: ['reject'],
  accepted: ['accept'],
  assigned: ['accept', 'assign'],
  mediating: ['accept', 'assign', 'startMediation'],
  suspended: ['accept', 'assign', 'startMediation', 'suspend'],
  settled: ['accept', 'assign', 'startMediation', 'settle'],
  failed: ['accept', 'assign', 'startMediation', 'fail'],
  closed: ['accept', 'assign', 'startMediation', 'settle', 'followUp', 'close'],
  archived: ['accept', 'assign', 'startMediation', 'settle', 'followUp', 'close', 'archive'],
  withdrawn: ['accept', 'withdraw'],
};
/** Days after registration each action typically happens (min, max), counted from the previous one. */
const GAPS: Record<LoadableAction, [number, number]> = {
  accept: [0.05, 2.5], reject: [0.1, 2], assign: [0.05, 1], startMediation: [0.1, 2], suspend: [2, 10], settle: [3, 24], fail: [5, 28],
  followUp: [2, 12], close: [0, 2], archive: [5, 40], withdraw: [1, 10], refer: [0, 3],
};

/** Which statuses a case of this age (days) is likely in. */
function statusFor(r: Rng, age: number): CaseStatus {
  if (age < 3) return r.weighted<CaseStatus>({ registered: 45, accepted: 20, assigned: 15, mediating: 15, rejected: 3, withdrawn: 2 } as Record<CaseStatus, number>);
  if (age < 30) return r.weighted({ registered: 2, accepted: 6, assigned: 8, mediating: 42, suspended: 3, settled: 14, failed: 4, closed: 14, rejected: 4, withdrawn: 3 } as Record<CaseStatus, number>);
  if (age < 90) return r.weighted({ accepted: 1, mediating: 9, suspended: 2, settled: 8, failed: 3, closed: 62, archived: 8, rejected: 4, withdrawn: 3 } as Record<CaseStatus, number>);
  return r.weighted({ mediating: 1.5, suspended: 0.5, settled: 1, failed: 1, closed: 54, archived: 36, rejected: 4, withdrawn: 2 } as Record<CaseStatus, number>);
}

const CHANNEL_WEIGHTS: Record<Channel, number> = { court: 14, procuratorate: 3, police: 12, government: 10, petition: 6, walk_in: 25, hotline: 12, grid: 18 };

/**
 * Load `n` cases with parties and histories into the demo county `demo` (what `seedDemo`
 * returned). Statuses follow the age of the case; lights follow from the loaded deadlines.
 * @throws Error when the county has no organization with a case-number prefix
 */
export async function generateCases(tj: Tiaojie, demo: Pick<DemoSummary, 'orgs' | 'users'>, n: number, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const started = Date.now();
  const rng = new Rng(opts.seed ?? 7);
  const now = tj.clock.now().getTime();
  const days = opts.days ?? 365;
  const log = opts.log ?? (() => undefined);

  const orgs = demo.orgs;
  const registrars = orgs.filter((o) => o.caseNumberPrefix);
  if (!registrars.length) throw new Error('generateCases: no organization with a case-number prefix; seed a county first');
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const registrarOf = (o: DemoOrganization): DemoOrganization => {
    for (let cur: DemoOrganization | undefined = o; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) if (cur.caseNumberPrefix) return cur;
    return registrars[0];
  };
  const places = orgs.filter((o) => o.type === 'village');
  const placesUnder = new Map<number, DemoOrganization[]>(registrars.map((r) => [r.id, places.filter((p) => p.path.startsWith(r.path) && registrarOf(p).id === r.id)]));
  // Townships carry most of the load, then the specialised organizations, then the county.
  const weightOf = (o: DemoOrganization) => (o.type === 'township' ? 10 : o.type === 'specialized' ? 3 : 4);
  const registrarWeights = Object.fromEntries(registrars.map((r) => [String(r.id), weightOf(r)]));
  const bodies = orgs.filter((o) => o.type === 'channel' && o.channel);
  const staff = (role: string, org: DemoOrganization) => demo.users.filter((u) => u.roles.includes(role as never) && u.organizationId === org.id);
  const mediators = new Map(registrars.map((r) => [r.id, staff('mediator', r)]));
  const clerks = new Map(registrars.map((r) => [r.id, staff('clerk', r)]));

  // People are drawn from a pool, so some recur across cases (一人一档).
  const factory = new PersonFactory(rng.fork(1), ['140199', '140105', '140106', '140202', '110105']);
  const poolSize = Math.max(50, opts.people ?? Math.ceil(n / 2));
  const pool = Array.from({ length: poolSize }, () => factory.person());
  const companies = Array.from({ length: 300 }, (_, i) => ({ name: `青山县${['宏达', '鑫源', '恒通', '金穗', '华盛', '永安', '润丰', '德信', '兴旺', '瑞祥'][i % 10]}${['建筑劳务', '物业服务', '商贸', '机械制造', '餐饮管理', '汽车销售'][Math.floor(i / 10) % 6]}有限公司${i >= 60 ? `第${Math.floor(i / 60) + 1}分公司` : ''}`, code: creditCode(rng, '140199') }));

  // Registration instants, oldest first (the loader numbers cases in time order anyway).
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = now - HOUR - rng.next() ** 0.8 * days * DAY; // a little denser towards today
  times.sort();

  const STORY_CATEGORIES = Object.keys(STORIES) as Category[];
  const cases: LoadCase[] = [];
  const sampleCounts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const registeredAt = new Date(Math.floor(times[i]));
    const age = (now - registeredAt.getTime()) / DAY;
    const channel = rng.weighted(CHANNEL_WEIGHTS);
    const registrar = byId.get(Number(rng.weighted(registrarWeights)))!;
    const special = registrar.type === 'specialized';
    // The categories the stories cover (a subset of the seeded list).
    const category: Category = special ? (rng.chance(0.8) ? guessCategory(registrar.name) : rng.pick(STORY_CATEGORIES)) : rng.pick(STORY_CATEGORIES);
    const status = statusFor(rng, age);
    const placeList = placesUnder.get(registrar.id) ?? [];
    const place = placeList.length ? rng.pick(placeList) : places.length ? rng.pick(places) : null;
    const body = ['court', 'procuratorate', 'police', 'government', 'petition'].includes(channel) ? bodies.find((b) => b.channel === channel) ?? null : null;
    const meds = mediators.get(registrar.id) ?? [];
    const mediator = meds.length ? rng.pick(meds) : null;
    const clerk = (clerks.get(registrar.id) ?? [])[0] ?? null;
    const s = rng.pick(STORIES[category]);
    const ai = rng.int(0, pool.length - 1);
    const applicant = pool[ai];
    const company = s.company && rng.chance(0.7) ? rng.pick(companies) : null;
    const respondent = company ? null : pool[rng.int(0, pool.length - 1)];
    const yuan = s.amount[1] ? Math.round(rng.float(s.amount[0], s.amount[1]) / 100) * 100 : 0;
    const vars = { A: applicant.name, B: company?.name ?? respondent!.name, P: place?.name ?? registrar.name, M: yuan };
    const peopleCount = rng.chance(0.03) ? rng.int(5, 60) : rng.chance(0.2) ? 3 : 2;

    // The path, with instants; steps that would lie in the future are squeezed before now.
    // An organization without mediators cannot assign: its cases stop at acceptance.
    const path = mediator || !PATHS[status].includes('assign') ? PATHS[status] : PATHS.accepted;
    const steps: LoadStep[] = [];
    let t = registeredAt.getTime();
    for (const action of path) {
      const [a, b] = GAPS[action];
      t = Math.min(t + rng.float(a, b) * DAY, now - 60_000 - (path.length - steps.length) * 1000);
      const at = Math.max(t, registeredAt.getTime() + (steps.length + 1) * 1000);
      const actorId = ['assign', 'accept', 'reject', 'archive'].includes(action) || !mediator ? clerk?.id ?? null : mediator.id;
      steps.push({ action, at: new Date(at), actorId });
      t = at;
    }
    const risk = peopleCount >= 30 ? 'high' : rng.chance(0.015) ? 'critical' : rng.chance(0.04) ? 'high' : peopleCount >= 5 || yuan >= 1_000_000 ? 'medium' : rng.chance(0.15) ? 'medium' : 'low';
    const parties: PartyInput[] = [
      { role: 'applicant', kind: 'person', name: applicant.name, idNumber: applicant.idNumber, phone: applicant.phone },
      company ? { role: 'respondent', kind: 'organization', name: company.name, creditCode: company.code } : { role: 'respondent', kind: 'person', name: respondent!.name, idNumber: respondent!.idNumber, phone: respondent!.phone },
    ];
    if (ai < 20) sampleCounts.set(ai, (sampleCounts.get(ai) ?? 0) + 1);
    cases.push({
      organizationId: registrar.id, registeredAt, registeredById: body ? null : clerk?.id ?? null, sourceOrgId: body?.id ?? null,
      channel, sourceRef: body ? `${channel.toUpperCase()}-${caseYear(registeredAt)}-${i + 1}-${opts.seed ?? 7}` : channel === 'hotline' || channel === 'grid' ? `${channel === 'hotline' ? 'RX' : 'WG'}${i + 1}-${opts.seed ?? 7}` : undefined,
      category, title: fill(s.title, vars).slice(0, 200), description: fill(s.description, vars), amountFen: yuan ? yuan * 100 : null, peopleCount,
      placeOrgId: place?.id ?? null, risk, triage: rng.chance(0.08) ? 'major' : rng.chance(0.1) ? 'private' : 'minor', mediatorId: mediator?.id ?? null,
      parties, steps,
    } as LoadCase);
  }
  log(`准备了 ${n} 件案件、${poolSize} 位当事人，用时 ${Date.now() - started} ms`);
  const r = await loadCases(tj, cases, { batchSize: opts.batchSize, log });
  const best = [...sampleCounts.entries()].sort((a, b) => b[1] - a[1])[0];
  return { cases: r.cases, parties: r.parties, events: r.events, firstId: r.ids.reduce((a, b) => Math.min(a, b), Infinity), lastId: r.ids.reduce((a, b) => Math.max(a, b), 0), elapsedMs: Date.now() - started, sampleIdNumber: pool[best ? best[0] : 0].idNumber };
}

const guessCategory = (name: string): Category =>
  name.includes('交通') ? 'traffic' : name.includes('婚姻') ? 'marriage_family' : name.includes('医') ? 'medical' : name.includes('物业') ? 'property_management' : name.includes('劳动') ? 'labour' : name.includes('消费') ? 'consumer' : 'other';
