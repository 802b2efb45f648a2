/**
 * Demo data: a realistic county center in Chinese, for the start command, screenshots and
 * benchmarks.
 *
 * Time: every case's history is produced by the real commands (`register`, `intake`, `run`)
 * under a ManualClock of the seed's own that walks through the past `days` (90) up to the
 * given Tiaojie's `now`. The seed runs core's services on that clock (`tj.withClock`), so it
 * works the same whether the Tiaojie runs on the system clock (the API's start command) or on a
 * ManualClock (tests): the histories always lie in the past of `tj.clock.now()`, and the lights
 * come out green, yellow and red at that moment. Everything else (users, lawyers' terms,
 * policies, consultations) goes through the same commands as the admin screens, audited.
 */
import { CASE_STATUSES, CHANNELS, LIGHTS, ManualClock, pickPolicy, DEFAULT_LIMITS, Limits } from '@tiaojie/core';
import type { Category, Channel, ChannelPrincipal, Light, ListQuery, Organization, RiskLevel, Tiaojie } from '@tiaojie/core';
import { buildCounty, County, countyOrganizations, COURT_CODE, DemoOrganization, DemoUser, REGION, Village } from './county';
import { creditCode, Person, PersonFactory } from './people';
import { chinaCompact, chinaDay, DAY, HOUR, Plan, Step, Who } from './plan';
import { Rng } from './random';
import { CHANNEL_CATEGORIES, FAIL_REASONS, fill, SESSION_OUTCOMES, STORIES, SUSPEND_REASONS } from './stories';


export interface SeedOptions {
  /** How many cases (default 300; the scenario cases that show every status come first). */
  cases?: number;
  /** The PRNG seed: the same seed gives the same data (default 20260101). */
  seed?: number;
  /** The admin's password (default: the demo password). Never printed. */
  adminPassword?: string;
  /** The password of every other demo account (default `demo1234`). Printed only when it is the default. */
  demoPassword?: string;
  /** How far back the histories reach, in days (default 90). */
  days?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface DemoPerson {
  name: string;
  /** Fictional, with a valid check digit: try it in 一人一档. */
  idNumber: string;
  cases: number;
  channels: Channel[];
}

export interface DemoSummary {
  seed: number;
  from: Date;
  to: Date;
  organizations: number;
  /** The county's organizations, parents first: what `generateCases` places cases in. */
  orgs: DemoOrganization[];
  users: DemoUser[];
  /** The shared demo password when it is the default one; null when the caller chose it. */
  password: string | null;
  /** Whether the admin has a password of its own (given by the caller, never printed). */
  adminPasswordGiven: boolean;
  cases: number;
  events: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  lights: Record<Light, number>;
  /** People with cases from several channels (一人一档). */
  recurringPersons: DemoPerson[];
  /** The class of wage claims against one employer. */
  wageClass: { respondent: string; cases: number };
  elapsedMs: number;
  /** The accounts and figures as a printable table. */
  table: string;
}

export const DEFAULT_DEMO_PASSWORD = 'demo1234';

type Ending =
  | 'registered' | 'rejected' | 'rejected_archived' | 'withdrawn_early' | 'withdrawn' | 'guidance' | 'accepted' | 'assigned'
  | 'mediating' | 'suspended' | 'settled' | 'failed' | 'referred' | 'court_return' | 'closed' | 'archived' | 'reopened'
  | 'transfer_pending' | 'flagged' | 'escalated_pending' | 'escalated' | 'failed_transferred' | 'major' | 'major_pending';

/** What one case is and how its history should go. */
interface Spec {
  channel: Channel;
  category: Category;
  place: Village;
  ending: Ending;
  light?: Light;
  ageDays?: [number, number];
  applicants?: Person[];
  respondent?: Person | { company: string; code: string };
  peopleCount?: number;
  /** Register through the channel system's intake rather than the liaison's desk. */
  intake?: boolean;
  /** Route a county case to a specialised organization rather than the township. */
  toSpecialized?: boolean;
  /** Keep a county case at the county center. */
  atCounty?: boolean;
  walkInAt?: 'township' | 'specialized' | 'county';
  adviser?: boolean;
  suspend?: boolean;
  extend?: boolean;
  risk?: RiskLevel;
  supervision?: 'open' | 'closed';
  confirmation?: 'applied' | 'confirmed' | 'rejected';
  performance?: 'performed' | 'partly' | 'not_performed';
  sessions?: number;
}

interface World {
  c: County;
  rng: Rng;
  people: PersonFactory;
  now: number;
  days: number;
  refSeq: number;
}

const COMPANY_WORDS = ['鑫源', '恒通', '金穗', '华盛', '永安', '润丰', '德信', '兴旺', '瑞祥', '佳和', '天成'];

/**
 * Fill an empty database with the demo county and its cases.
 * @throws Error when the database already has organizations (never seed over real data)
 */
export async function seedDemo(tj: Tiaojie, opts: SeedOptions = {}): Promise<DemoSummary> {
  const started = Date.now();
  const seed = opts.seed ?? 20260101;
  const days = opts.days ?? 90;
  const log = opts.log ?? (() => undefined);
  if (!(await tj.isEmpty())) {
    throw new Error('seedDemo: the database is not empty; the demo only fills an empty database');
  }
  const now = tj.clock.now().getTime();
  const from = now - days * DAY;
  // The seed's own clock and services over the same database (same cipher, same SQLite lock).
  const clock = new ManualClock(new Date(from - 2 * DAY));
  const sim = tj.withClock(clock);
  const rng = new Rng(seed);
  const demoPassword = opts.demoPassword ?? DEFAULT_DEMO_PASSWORD;
  const c = await buildCounty(sim, rng.fork(1), { admin: opts.adminPassword ?? demoPassword, demo: demoPassword });
  log(`组织 ${await tj.organizations.count()} 个，账号 ${c.users.length} 个`);

  const year = new Date(now + 8 * HOUR).getUTCFullYear();
  const w: World = { c, rng: rng.fork(2), people: new PersonFactory(rng.fork(3), [REGION, REGION, REGION, '140105', '140106', '140202']), now, days, refSeq: 0 };
  w.people.person({ year }); // warm the factory so the recurring people differ from the first party
  const specs = [...scenarios(w, year)];
  const wage = wageClass(w, year);
  specs.push(...wage.specs);
  const total = Math.max(opts.cases ?? 300, specs.length);
  while (specs.length < total) specs.push(randomSpec(w));

  const steps: Array<Step & { at: number; key: number; n: number }> = [];
  for (const [key, spec] of specs.entries()) {
    const placed = placePlan(w, spec);
    placed.plan.steps.forEach((s, n) => steps.push({ ...s, at: placed.t0 + s.rel, key, n }));
  }
  steps.sort((a, b) => a.at - b.at || a.key - b.key || a.n - b.n);
  log(`${specs.length} 件案件，${steps.length} 条操作，按时间顺序执行…`);

  const state = new Map<number, { id: number; version: number }>();
  for (const s of steps) {
    clock.set(new Date(s.at));
    const payload = typeof s.payload === 'function' ? s.payload(new Date(s.at)) : s.payload;
    try {
      if (s.action === 'register') {
        const r = typeof s.who === 'string' ? await sim.cases.register(c.actor[s.who], payload) : await sim.cases.intake(s.who, payload);
        state.set(s.key, { id: r.case.id, version: r.case.version });
      } else {
        const st = state.get(s.key)!;
        const r = await sim.cases.run(c.actor[s.who as string], st.id, s.action, payload, st.version);
        st.version = r.version;
      }
    } catch (e) {
      const who = typeof s.who === 'string' ? s.who : `intake:${s.who.channel}`;
      throw new Error(`seedDemo: case #${s.key} (${specs[s.key].ending}) step ${s.n} ${s.action} by ${who} failed: ${(e as Error).message}`, { cause: e });
    }
  }
  await consultations(w, sim, clock, state, specs);
  clock.set(new Date(now));

  const summary = await summarize(tj, w, specs, wage.respondent, { seed, from, now, started, password: opts.demoPassword ? null : DEFAULT_DEMO_PASSWORD, adminPasswordGiven: !!opts.adminPassword });
  log(`完成，用时 ${(summary.elapsedMs / 1000).toFixed(1)} 秒`);
  return summary;
}

// ---------------------------------------------------------------- what the cases are

function story(w: World, category: Category) {
  return w.rng.pick(STORIES[category]);
}

function companyFor(w: World, category: Category, place: Village): { company: string; code: string } {
  const s = w.rng.pick(STORIES[category]);
  const kind = s.company ?? '商贸有限公司';
  if (kind === '医院') return { company: w.rng.pick(['青山县人民医院', '青山县中医医院', `${place.township.org.name.slice(0, 3)}卫生院`]), code: creditCode(w.rng, REGION).replace(/^91/, '12') };
  return { company: `青山县${w.rng.pick(COMPANY_WORDS)}${kind}`, code: creditCode(w.rng, REGION) };
}

/** The specialised organization for a category, if there is one. */
const specializedFor = (c: County, category: Category) => c.specialized.find((s) => s.categories.includes(category));

function randomSpec(w: World): Spec {
  const r = w.rng;
  const channel = r.weighted<Channel>({ court: 14, procuratorate: 3, police: 12, government: 10, petition: 6, walk_in: 25, hotline: 12, grid: 18 });
  const traffic = channel === 'police' && r.chance(0.3);
  const category = traffic ? 'traffic' : r.weighted(CHANNEL_CATEGORIES[channel] as Record<Category, number>);
  const place = channel === 'police' && !traffic ? r.pick(w.c.townships[0].villages) : r.pick(w.c.villages);
  const ending = r.weighted<Ending>({
    registered: 4, rejected: 2, rejected_archived: 1, withdrawn_early: 1, withdrawn: 2, guidance: 3, accepted: 3, assigned: 4, mediating: 14, suspended: 2,
    settled: 6, failed: 2, referred: 4, court_return: channel === 'court' ? 3 : 0, closed: 26, archived: 10, reopened: 1, transfer_pending: 2,
    escalated_pending: 1, escalated: 2, failed_transferred: 1, major: ['labour', 'property_management', 'expropriation'].includes(category) ? 2 : 0, major_pending: 0,
  });
  const mediatingLike = ['mediating', 'accepted', 'assigned', 'registered', 'settled', 'transfer_pending'].includes(ending);
  return {
    channel,
    category,
    place,
    ending,
    light: mediatingLike ? r.weighted<Light>({ green: 70, yellow: 15, red: 15 }) : undefined,
    toSpecialized: !!specializedFor(w.c, category) && r.chance(0.6),
    atCounty: r.chance(0.2),
    walkInAt: r.weighted({ township: 6, specialized: specializedFor(w.c, category) ? 3 : 0, county: 1 }),
    intake: r.chance(0.5),
    adviser: r.chance(0.2),
    suspend: r.chance(0.06),
    extend: r.chance(0.08),
    risk: r.chance(0.08) ? r.weighted<RiskLevel>({ medium: 3, high: 2, critical: 1 }) : undefined,
    supervision: r.chance(0.05) ? r.weighted({ open: 1, closed: 1 }) : undefined,
    confirmation: r.chance(0.15) ? r.weighted({ applied: 1, confirmed: 3, rejected: 1 }) : undefined,
    performance: r.weighted({ performed: 8, partly: 1, not_performed: 1 }),
    sessions: r.int(1, 3),
  };
}

/** One case of every ending, and the other situations the demo must show. */
function* scenarios(w: World, year: number): Generator<Spec> {
  const c = w.c;
  const v = (t: number, i: number) => c.townships[t].villages[i];
  const base = (channel: Channel, category: Category, place: Village, ending: Ending, more: Partial<Spec> = {}): Spec => ({ channel, category, place, ending, sessions: 2, performance: 'performed', ...more });
  yield base('walk_in', 'neighbourhood', v(1, 0), 'registered', { light: 'red', walkInAt: 'township' });
  yield base('court', 'contract', v(0, 1), 'registered', { light: 'green', intake: true });
  yield base('walk_in', 'labour', v(2, 0), 'rejected', { walkInAt: 'township' });
  yield base('hotline', 'consumer', v(3, 1), 'rejected_archived');
  yield base('court', 'marriage_family', v(1, 2), 'withdrawn_early');
  yield base('walk_in', 'neighbourhood', v(4, 1), 'withdrawn', { walkInAt: 'township' });
  yield base('walk_in', 'other', v(0, 0), 'guidance', { walkInAt: 'county' });
  yield base('government', 'property_management', v(3, 0), 'accepted', { light: 'yellow' });
  yield base('grid', 'neighbourhood', v(1, 1), 'assigned', { light: 'green' });
  yield base('grid', 'land', v(2, 1), 'mediating', { light: 'green', adviser: true });
  yield base('police', 'damages', v(0, 2), 'mediating', { light: 'red', risk: 'high', supervision: 'open' });
  yield base('walk_in', 'marriage_family', v(4, 0), 'mediating', { light: 'yellow', walkInAt: 'specialized' });
  yield base('police', 'traffic', v(1, 3), 'suspended', { toSpecialized: true });
  yield base('walk_in', 'medical', v(3, 2), 'mediating', { suspend: true, extend: true, light: 'green', walkInAt: 'specialized', risk: 'high' });
  yield base('court', 'contract', v(0, 3), 'settled', { confirmation: 'applied', light: 'green' });
  yield base('court', 'damages', v(1, 4), 'closed', { confirmation: 'confirmed' });
  yield base('walk_in', 'contract', v(2, 2), 'closed', { confirmation: 'rejected', walkInAt: 'township' });
  yield base('walk_in', 'neighbourhood', v(4, 2), 'reopened', { performance: 'not_performed', walkInAt: 'township', light: 'green' });
  yield base('hotline', 'property_management', v(3, 3), 'closed', { performance: 'partly' });
  yield base('grid', 'neighbourhood', v(4, 3), 'failed');
  yield base('walk_in', 'damages', v(1, 0), 'referred', { walkInAt: 'township' });
  yield base('court', 'marriage_family', v(0, 1), 'court_return', { atCounty: true });
  yield base('walk_in', 'contract', v(2, 0), 'failed_transferred', { walkInAt: 'township', light: 'green' });
  yield base('grid', 'land', v(1, 2), 'escalated_pending', { risk: 'high' });
  yield base('petition', 'land', v(4, 0), 'escalated', { atCounty: false, supervision: 'closed' });
  yield base('court', 'traffic', v(0, 0), 'transfer_pending', { toSpecialized: true, light: 'yellow' });
  yield base('government', 'consumer', v(3, 1), 'flagged', { light: 'red' });
  yield base('government', 'labour', v(2, 1), 'major');
  yield base('petition', 'expropriation', v(0, 3), 'major_pending', { peopleCount: 35, risk: 'critical', supervision: 'open' });
  yield base('walk_in', 'marriage_family', v(1, 1), 'archived', { walkInAt: 'township' });
  yield base('procuratorate', 'damages', v(0, 2), 'closed', { atCounty: true, adviser: true });
  yield base('court', 'labour', v(1, 3), 'settled', { toSpecialized: true, light: 'red' });

  // 一人一档: the same people in disputes from several channels.
  const p1 = w.people.person({ male: true, minAge: 45, maxAge: 60, year });
  const p2 = w.people.person({ male: false, minAge: 30, maxAge: 45, year });
  const p3 = w.people.person({ male: true, minAge: 55, maxAge: 70, year });
  yield base('walk_in', 'neighbourhood', v(1, 0), 'closed', { applicants: [p1], walkInAt: 'township', ageDays: [60, 85] });
  yield base('police', 'damages', v(0, 1), 'mediating', { respondent: p1, light: 'green', ageDays: [5, 25] });
  yield base('petition', 'other', v(1, 0), 'accepted', { applicants: [p1], light: 'green', ageDays: [1, 10] });
  yield base('court', 'marriage_family', v(3, 0), 'closed', { applicants: [p2], toSpecialized: true });
  yield base('hotline', 'property_management', v(3, 0), 'mediating', { applicants: [p2], light: 'green' });
  yield base('grid', 'land', v(4, 2), 'settled', { applicants: [p3], light: 'green' });
  yield base('government', 'labour', v(4, 2), 'registered', { respondent: p3, light: 'green', ageDays: [0, 1] });
}

/** 类案: many wage claims against one employer in one township within a few weeks. */
function wageClass(w: World, year: number): { specs: Spec[]; respondent: string } {
  const employer = { company: '青山县宏达建筑劳务有限公司', code: creditCode(w.rng, REGION) };
  const t = w.c.townships[1];
  const plan: Array<[Channel, Ending, Light | undefined]> = [
    ['walk_in', 'closed', undefined], ['walk_in', 'settled', 'green'], ['walk_in', 'mediating', 'yellow'], ['hotline', 'mediating', 'green'], ['hotline', 'assigned', 'green'],
    ['government', 'mediating', 'red'], ['government', 'accepted', 'green'], ['petition', 'mediating', 'green'], ['grid', 'registered', 'green'], ['court', 'closed', undefined],
  ];
  const specs = plan.map(([channel, ending, light], i): Spec => ({
    channel, category: 'labour', place: w.rng.pick(t.villages), ending, light, respondent: employer,
    applicants: i === 2 ? [w.people.person({ male: true, year }), w.people.person({ male: true, year }), w.people.person({ male: false, year })] : [w.people.person({ male: true, minAge: 25, maxAge: 58, year })],
    peopleCount: i === 2 ? 23 : undefined, risk: i === 2 ? 'high' : undefined, ageDays: [8, 40], sessions: 1, performance: 'performed', walkInAt: 'township', toSpecialized: i % 2 === 0,
  }));
  return { specs, respondent: employer.company };
}

// ---------------------------------------------------------------- how their histories go

function limitsOf(c: County, channel: Channel, category: Category): Limits {
  const p = pickPolicy(c.policies, channel, category);
  return p ? { acceptDays: p.acceptDays, mediateDays: p.mediateDays, extensionDays: p.extensionDays, followUpDays: p.followUpDays, confirmationDays: p.confirmationDays, yellowPercent: p.yellowPercent } : DEFAULT_LIMITS;
}

function placePlan(w: World, spec: Spec): { plan: Plan; t0: number } {
  const limits = limitsOf(w.c, spec.channel, spec.category);
  const startHour = w.rng.float(8.6, 16.5);
  const sub = w.rng.fork(w.refSeq + 7);
  for (let scale = 1; ; scale *= 0.6) {
    const plan = buildPlan(w, spec, new Plan(sub, startHour, limits, scale));
    const t0 = plan.place(w.now, w.days, { light: spec.light, ageDays: spec.ageDays });
    if (t0 !== null) return { plan, t0 };
    if (scale < 0.05) throw new Error(`seedDemo: the history of a ${spec.ending} case does not fit ${w.days} days`);
  }
}

function buildPlan(w: World, spec: Spec, p: Plan): Plan {
  const { c, rng } = w;
  const ref = ++w.refSeq;
  const county = c.county;
  const township = spec.place.township.org;
  const linked = ['court', 'procuratorate', 'police', 'government', 'petition'].includes(spec.channel);
  const body = linked ? c.channelBodies.find((b) => (spec.channel === 'police' ? b.code === (spec.category === 'traffic' ? 'jj' : 'police') : b.channel === spec.channel))! : null;
  const uid = (username: string) => c.users.find((u) => u.username === username)!.id;

  // Where the case is registered, and by whom.
  let registrar: Organization;
  let who: Who;
  let organizationId: number | undefined;
  const special = specializedFor(c, spec.category);
  if (body) {
    registrar = body.org.parentId === county.id ? county : township;
    const liaison = `liaison_${body.code}`;
    who = spec.intake ? ({ organizationId: body.org.id, channel: spec.channel } satisfies ChannelPrincipal) : liaison;
    if (registrar !== county) spec.place = rng.pick(c.townships.find((t) => t.org.id === registrar.id)!.villages);
  } else if (spec.channel === 'grid') {
    registrar = township;
    who = rng.pick(c.gridWorkersOf.get(spec.place.org.id)!);
  } else if (spec.channel === 'hotline') {
    registrar = township;
    who = 'clerk';
    organizationId = township.id;
  } else if (spec.walkInAt === 'specialized' && special) {
    registrar = special.org;
    who = `${special.code}_med1`;
  } else if (spec.walkInAt === 'county') {
    registrar = county;
    who = 'clerk';
  } else {
    registrar = township;
    who = c.deskOf.get(township.id)!;
  }
  const story = rngStory(w, spec);
  const parties = story.parties;
  const sourceRef = (at: Date): string | undefined => {
    const y = chinaDay(at).slice(0, 4);
    const n = String(ref).padStart(4, '0');
    switch (spec.channel) {
      case 'court': return `（${y}）${COURT_CODE}民诉前调${n}号`;
      case 'procuratorate': return `青山检民和〔${y}〕${ref}号`;
      case 'police': return spec.category === 'traffic' ? `青公交认字〔${y}〕第${n}号` : `J140199${chinaCompact(at)}${n}`;
      case 'government': return `GD${chinaCompact(at)}${n}`;
      case 'petition': return `XF${y}140199${n.padStart(5, '0')}`;
      case 'hotline': return `RX${chinaCompact(at)}-${n}`;
      case 'grid': return `WG-${spec.place.code}-${chinaCompact(at)}-${n}`;
      default: return undefined;
    }
  };
  p.add(0, 0, who, 'register', (at) => ({
    channel: spec.channel,
    category: spec.category,
    title: story.title,
    description: story.description,
    amountFen: story.amountFen,
    peopleCount: spec.peopleCount,
    placeOrgId: spec.place.org.id,
    address: `${c.county.name.slice(0, 3)}${spec.place.township.org.name.replace('矛盾纠纷调处化解中心', '')}${spec.place.org.name}`,
    ...(spec.channel === 'walk_in' ? {} : { sourceRef: sourceRef(at) }),
    ...(organizationId ? { organizationId } : {}),
    ...(spec.risk === 'critical' ? { risk: 'high' } : {}),
    parties,
  }), spec.channel === 'hotline' || spec.intake);

  const desk = (org: Organization) => c.deskOf.get(org.id) ?? 'clerk';
  const e = spec.ending;
  if (e === 'registered') return p;
  if (e === 'rejected' || e === 'rejected_archived') {
    p.add(2, 30, desk(registrar), 'reject', { reason: rng.pick(['该纠纷属于劳动仲裁前置事项，已告知当事人向劳动人事争议仲裁委员会申请', '纠纷已由人民法院判决生效，不属于人民调解受理范围', '当事人诉求不明确，补正后可重新申请']) });
    if (e === 'rejected_archived') p.add(48, 240, desk(registrar), 'archive');
    return p;
  }
  if (e === 'withdrawn_early') {
    p.add(1, 30, body ? `liaison_${body.code}` : desk(registrar), 'withdraw', { reason: body ? '当事人已自行和解，送案单位撤回' : '申请人撤回申请' });
    return p;
  }
  const triage = e === 'guidance' ? 'private' : e === 'major' || e === 'major_pending' ? 'major' : 'minor';
  // Only a department with a desk that may acknowledge is a valid target (issue 8); a pending one simply has not signed yet.
  const dept =
    triage === 'major'
      ? (c.departments.find((d) => d.categories.includes(spec.category) && c.deskOf.has(d.org.id)) ?? c.departments.find((d) => c.deskOf.has(d.org.id))!)
      : null;
  // A major matter names its responsible unit and person at acceptance, which opens supervision.
  const major = dept ? { responsibleOrgId: dept.org.id, responsiblePerson: `${dept.org.name}综合科` } : {};
  p.add(1, rng.chance(0.15) ? 90 : 40, desk(registrar), 'accept', { triage, ...major, ...(spec.risk === 'critical' ? { risk: 'critical' } : spec.risk === 'high' ? { risk: 'high' } : {}), note: triage === 'major' ? '涉及政府职责事项，按三事分流转职能部门办理' : '属于人民调解受理范围' });
  if (e === 'guidance') {
    p.add(1, 24, desk(registrar), 'close', { summary: '属当事人私事，已提供法律咨询并引导其通过协商或诉讼解决' });
    if (rng.chance(0.5)) p.add(48, 300, desk(registrar), 'archive');
    return p;
  }
  let handling = registrar;
  if (dept) {
    p.add(1, 24, desk(registrar), 'transfer', { toOrganizationId: dept.org.id, reason: `三事分流：属“大事”，移交${dept.org.name}办理` });
    if (e === 'major') p.add(4, 48, desk(dept.org), 'acknowledge', { note: '已签收，由本局牵头办理' });
    return p;
  }
  if (e === 'flagged') {
    const targets = rng.shuffle([...c.townships]).slice(0, 3);
    for (const t of targets) p.add(2, 60, desk(registrar), 'transfer', { toOrganizationId: t.org.id, reason: `请${t.org.name}就地化解` });
    return p;
  }
  if (registrar.id === county.id && !spec.atCounty) {
    const to = spec.toSpecialized && special ? special.org : township;
    p.add(1, 24, 'clerk', 'transfer', { toOrganizationId: to.id, reason: to === township ? '属地管理，转乡镇(街道)调处中心就地化解' : `专业性纠纷，转${to.name}调解` });
    if (e === 'transfer_pending') return p;
    p.add(2, 40, desk(to), 'acknowledge', { note: '已签收' });
    handling = to;
  } else if (e === 'transfer_pending') {
    const to = c.townships.find((t) => t.org.id !== registrar.id)!.org;
    p.add(1, 24, desk(registrar), 'transfer', { toOrganizationId: to.id, reason: '当事人住所地在该乡镇，转其就地调处' });
    return p;
  }
  if (e === 'accepted') return p;
  let mediator = rng.pick(c.mediatorsOf.get(handling.id) ?? c.mediatorsOf.get(county.id)!);
  const co = (c.mediatorsOf.get(handling.id) ?? []).filter((m) => m !== mediator);
  p.add(1, 30, desk(handling), 'assign', { mediatorId: uid(mediator), ...(co.length && rng.chance(0.25) ? { coMediatorIds: [uid(co[0])] } : {}) });
  if (e === 'assigned') return p;
  if (e === 'withdrawn') {
    p.add(4, 72, mediator, 'startMediation');
    p.add(24, 120, mediator, 'withdraw', { reason: '申请人表示双方已私下和解，申请撤回' });
    return p;
  }

  const mediate = (sessions: number) => {
    p.add(4, 60, mediator, 'startMediation');
    const lawyer = c.advisers.find((a) => a.villageIds.includes(spec.place.org.id));
    if (spec.adviser && lawyer) {
      p.add(12, 72, mediator, 'inviteAdviser', { adviserId: uid(lawyer.username) });
      p.add(24, 96, lawyer.username, 'giveOpinion', { title: `关于${story.titleShort}的法律意见`, content: `经审查当事人提供的材料，依据《中华人民共和国民法典》相关规定，${story.opinion}建议调解员在释法明理基础上促成双方和解。` });
    }
    if (spec.risk === 'high' || spec.risk === 'critical') p.add(2, 48, rng.chance(0.5) ? mediator : 'leader', 'assessRisk', { risk: spec.risk, reason: '当事人情绪激动，存在极端言行苗头，需重点稳控' });
    if (spec.supervision) supervise(p, w, spec, spec.supervision);
    for (let i = 0; i < sessions; i++) {
      p.add(i === 0 ? 24 : 60, i === 0 ? 96 : 200, mediator, 'recordSession', (at: Date) => ({
        heldAt: new Date(at.getTime() - HOUR).toISOString(),
        place: `${spec.place.org.name}人民调解室`,
        participants: `${story.names.join('、')}；调解员${c.users.find((u) => u.username === mediator)!.displayName.split(' ').pop()}`,
        minutes: `调解员向双方释明相关法律规定。${story.names[0]}陈述诉求，${story.names[1]}作出回应。${rng.pick(SESSION_OUTCOMES)}。`,
        outcome: rng.pick(SESSION_OUTCOMES),
      }));
      if (i === 0 && spec.suspend) {
        p.add(4, 24, mediator, 'suspend', { reason: rng.pick(SUSPEND_REASONS) });
        if (e === 'suspended') return false;
        p.add(72, 240, mediator, 'resume', { note: '中止事由消除，恢复调解' });
      }
    }
    if (spec.extend) p.add(4, 48, mediator, 'extendDeadline', { days: 15, reason: '双方同意延长调解期限' });
    if (e === 'suspended') {
      p.add(4, 24, mediator, 'suspend', { reason: rng.pick(SUSPEND_REASONS) });
      return false;
    }
    return true;
  };
  if (!mediate(spec.sessions ?? 1)) return p;
  if (e === 'mediating') return p;
  // The county center has no parent to escalate to: its cases just stay in mediation.
  if (e === 'escalated_pending' && handling.id === county.id) return p;
  if ((e === 'escalated_pending' || e === 'escalated') && handling.id !== county.id) {
    p.add(4, 72, mediator, 'escalate', { reason: '涉及多个村组，本级难以化解，申请上提一级' });
    if (e === 'escalated_pending') return p;
    p.add(2, 30, 'clerk', 'acknowledge', { note: '县中心签收，由县中心调解员承办' });
    mediator = rng.pick(c.mediatorsOf.get(county.id)!);
    p.add(1, 24, 'clerk', 'assign', { mediatorId: uid(mediator) });
    p.add(4, 48, mediator, 'startMediation');
    p.add(24, 120, mediator, 'recordSession', (at: Date) => ({ heldAt: new Date(at.getTime() - HOUR).toISOString(), place: '县矛调中心第一调解室', participants: story.names.join('、'), minutes: '县中心组织乡镇、村两委共同参与调解，双方达成一致意见。' }));
  }
  const fails = ['failed', 'referred', 'court_return', 'failed_transferred'].includes(e);
  if (fails) {
    p.add(12, 72, mediator, 'fail', { reason: rng.pick(FAIL_REASONS) });
    if (e === 'failed') return p;
    // The law's routes: labour disputes go to arbitration first, land disputes to the government (core refuses litigation).
    if (e === 'referred' && ['labour', 'wage_arrears'].includes(spec.category)) p.add(2, 48, mediator, 'refer', { route: 'arbitration', note: '已告知当事人劳动争议须先申请劳动仲裁，引导其向劳动人事争议仲裁委员会申请仲裁' });
    else if (e === 'referred' && spec.category === 'land') p.add(2, 48, mediator, 'refer', { route: 'administrative', note: '土地权属争议，引导当事人申请人民政府处理' });
    else if (e === 'referred') p.add(2, 48, mediator, 'refer', { route: 'litigation', note: '已告知当事人诉讼权利和诉讼时效，引导其向人民法院起诉' });
    if (e === 'court_return') {
      p.add(2, 48, mediator, 'refer', { route: 'court_return', note: '诉前调解未达成协议，退回法院立案' });
      p.add(48, 240, desk(handling), 'archive');
    }
    if (e === 'failed_transferred') {
      const to = specializedFor(c, spec.category)?.org ?? c.townships.find((t) => t.org.id !== handling.id)!.org;
      const target = to.id === handling.id ? county : to;
      p.add(2, 48, mediator, 'transfer', { toOrganizationId: target.id, reason: '当事人申请更换调解组织' });
      p.add(2, 30, desk(target), 'acknowledge', { note: '已签收' });
      const m2 = rng.pick(c.mediatorsOf.get(target.id)!);
      p.add(1, 24, desk(target), 'assign', { mediatorId: uid(m2) });
      p.add(4, 48, m2, 'startMediation');
    }
    return p;
  }
  // Settled, and what follows an agreement.
  const amountFen = story.amountFen;
  p.add(12, 72, mediator, 'settle', (at: Date) => ({
    agreement: {
      facts: story.agreement.facts,
      disputes: story.agreement.disputes,
      responsibilities: story.agreement.responsibilities,
      terms: story.agreement.terms,
      amountFen,
      performanceMethod: story.agreement.method,
      performanceDeadline: chinaDay(at, rng.int(10, 60)),
      signedOn: chinaDay(at),
    },
  }));
  // A confirmed agreement that is not performed goes to enforcement, not back to mediation (core refuses the reopen).
  if (spec.confirmation && !(e === 'reopened' && spec.confirmation === 'confirmed')) {
    p.add(24, 200, mediator, 'applyConfirmation', (at: Date) => ({ court: '青山县人民法院', appliedOn: chinaDay(at) }));
    if (spec.confirmation !== 'applied') {
      p.add(72, 240, mediator, 'recordConfirmation', (at: Date) => ({
        result: spec.confirmation,
        decidedOn: chinaDay(at),
        ...(spec.confirmation === 'confirmed' ? { rulingNumber: `（${chinaDay(at).slice(0, 4)}）${COURT_CODE}民特${ref}号` } : { note: '协议内容涉及案外人权益，裁定驳回申请' }),
      }));
    }
  }
  if (e === 'settled') return p;
  const perf = e === 'reopened' ? 'not_performed' : spec.performance ?? 'performed';
  p.add(72, 300, mediator, 'recordPerformance', { state: perf, ...(amountFen ? { amountPaidFen: perf === 'performed' ? amountFen : perf === 'partly' ? Math.round(amountFen / 2) : 0 } : {}), note: perf === 'performed' ? '已按协议履行完毕' : perf === 'partly' ? '已履行一半，余款承诺下月付清' : '被申请人未按期履行' });
  p.add(24, 200, mediator, 'followUp', { method: rng.pick(['phone', 'visit', 'message'] as const), satisfaction: perf === 'performed' ? rng.weighted({ satisfied: 8, basically_satisfied: 2, dissatisfied: 0.3 }) : 'dissatisfied', note: '电话回访，当事人对调解工作表示认可' });
  p.add(1, 48, mediator, 'close', { summary: '调解成功，协议已签订' });
  if (e === 'reopened') {
    p.add(24, 200, mediator, 'reopen', { reason: '被申请人未按协议履行，申请人要求继续调解' });
    return p;
  }
  if (e === 'archived') p.add(48, 400, desk(handling), 'archive');
  return p;
}

function supervise(p: Plan, w: World, spec: Spec, state: 'open' | 'closed') {
  p.add(2, 72, 'leader', 'openSupervision', { instructions: spec.risk === 'critical' ? '涉及人数众多，请县中心牵头、相关部门配合，务必稳妥化解，每周报告进展' : '案件久拖未决，请承办单位加快办理，按期报告', deadlineDays: w.rng.pick([7, 10, 15]) });
  if (state === 'closed') p.add(72, 300, 'leader', 'closeSupervision', { conclusion: '承办单位已按要求推进，督办事项办结' });
}

/** The parties and texts of a case. */
function rngStory(w: World, spec: Spec) {
  const s = story(w, spec.category);
  const applicants = spec.applicants ?? [w.people.person({ year: new Date(w.now).getUTCFullYear() })];
  const resp = spec.respondent ?? (s.company && w.rng.chance(0.85) ? companyFor(w, spec.category, spec.place) : w.people.person({ year: new Date(w.now).getUTCFullYear() }));
  const A = applicants.length > 1 ? `${applicants[0].name}等${spec.peopleCount ?? applicants.length}人` : applicants[0].name;
  const B = 'company' in resp ? resp.company : resp.name;
  const [lo, hi] = s.amount;
  const yuan = hi ? Math.round(w.rng.float(lo, hi) / 100) * 100 : 0;
  const vars = { A, B, P: spec.place.org.name, M: yuan };
  const addr = `${w.c.county.name.slice(0, 3)}${spec.place.township.org.name.replace('矛盾纠纷调处化解中心', '')}${spec.place.org.name}${w.rng.int(1, 120)}号`;
  const parties = [
    ...applicants.map((a) => ({ role: 'applicant', kind: 'person', name: a.name, idNumber: a.idNumber, phone: a.phone, address: addr })),
    'company' in resp
      ? { role: 'respondent', kind: 'organization', name: resp.company, creditCode: resp.code, address: `${w.c.county.name.slice(0, 3)}${w.rng.pick(['建设路', '人民路', '迎宾大道', '工业园区'])}${w.rng.int(1, 300)}号` }
      : { role: 'respondent', kind: 'person', name: resp.name, idNumber: resp.idNumber, phone: resp.phone, address: addr },
  ];
  return {
    parties,
    names: [A, B],
    title: fill(s.title, vars).slice(0, 200),
    titleShort: fill(s.title, vars).replace(/（.*?）/g, ''),
    description: fill(s.description, vars),
    amountFen: yuan ? yuan * 100 : null,
    opinion: `${fill(s.responsibilities, vars)}`,
    agreement: { facts: fill(s.facts, vars), disputes: fill(s.disputes, vars), responsibilities: fill(s.responsibilities, vars), terms: fill(s.terms, vars), method: fill(s.method, vars) },
  };
}

/** 法律咨询 the lawyers logged in their villages; some of them became cases. */
async function consultations(w: World, sim: Tiaojie, clock: ManualClock, state: Map<number, { id: number }>, specs: Spec[]) {
  const questions: Array<[Category, string, string]> = [
    ['marriage_family', '离婚后对方不支付抚养费怎么办？', '可先协商或申请人民调解，协商不成可向人民法院起诉要求支付，并可申请强制执行。'],
    ['labour', '包工头拖欠工资，没有签劳动合同能要回来吗？', '可凭考勤、转账记录、工友证言等证明劳动关系，向劳动监察部门投诉或申请劳动仲裁。'],
    ['land', '邻居占了我家承包地的地界怎么处理？', '以土地承包经营权证及确权登记图为准，可申请村委会或人民调解委员会调解。'],
    ['neighbourhood', '楼上漏水把我家吊顶泡坏了，物业不管怎么办？', '可要求楼上业主维修并赔偿损失，协商不成可申请人民调解或起诉。'],
    ['contract', '借给朋友钱只有微信转账记录，能起诉吗？', '转账记录结合聊天记录可以证明借贷关系，建议先行调解，注意三年诉讼时效。'],
  ];
  const caseByVillage = new Map<number, number>();
  specs.forEach((s, key) => {
    const st = state.get(key);
    if (st && s.channel === 'walk_in' && !caseByVillage.has(s.place.org.id)) caseByVillage.set(s.place.org.id, st.id);
  });
  const now = w.now;
  for (const a of w.c.advisers) {
    for (const villageId of a.villageIds) {
      for (let i = 0; i < 2; i++) {
        const [category, question, answer] = w.rng.pick(questions);
        const person = w.people.person();
        const at = new Date(now - w.rng.float(1, w.days - 1) * DAY);
        // Logged when it was given: the command stamps the record with the clock.
        clock.set(at);
        await sim.advisers.createConsultation(w.c.actor[a.username], { villageId, at, personName: person.name, personPhone: person.phone, category, question, answer, caseId: i === 0 ? caseByVillage.get(villageId) ?? null : null });
      }
    }
  }
}

// ---------------------------------------------------------------- the summary

async function summarize(tj: Tiaojie, w: World, specs: Spec[], wageRespondent: string, o: { seed: number; from: number; now: number; started: number; password: string | null; adminPasswordGiven: boolean }): Promise<DemoSummary> {
  // The figures as the county's admin sees them (the whole county), at the Tiaojie's own time.
  const admin = w.c.actor.admin;
  const ONE: ListQuery = { range: [0, 0] };
  const cases = async (filter: Record<string, unknown> = {}) => (await tj.cases.list(admin, { ...ONE, filter })).total;
  const countBy = async <K extends string>(field: string, values: readonly K[]) => {
    const counts: Partial<Record<K, number>> = {};
    for (const v of values) {
      const n = await cases({ [field]: v });
      if (n) counts[v] = n;
    }
    return counts as Record<string, number>;
  };
  const nowDate = new Date(o.now);
  const lights = Object.fromEntries(await Promise.all(LIGHTS.map(async (l) => [l, await cases({ light: l })]))) as Record<Light, number>;
  const recurring = new Map<string, DemoPerson>();
  specs.forEach((s) => {
    const ps = [...(s.applicants ?? []), ...(s.respondent && 'idNumber' in s.respondent ? [s.respondent] : [])];
    for (const p of ps) {
      const r = recurring.get(p.idNumber) ?? { name: p.name, idNumber: p.idNumber, cases: 0, channels: [] };
      r.cases++;
      if (!r.channels.includes(s.channel)) r.channels.push(s.channel);
      recurring.set(p.idNumber, r);
    }
  });
  const summary: DemoSummary = {
    seed: o.seed,
    from: new Date(o.from),
    to: nowDate,
    organizations: (await tj.organizations.list(admin, ONE)).total,
    orgs: countyOrganizations(w.c),
    users: w.c.users,
    password: o.password,
    adminPasswordGiven: o.adminPasswordGiven,
    cases: await cases(),
    events: (await tj.caseRecords.list('case-events', admin, ONE)).total,
    byStatus: await countBy('status', CASE_STATUSES),
    byChannel: await countBy('channel', CHANNELS),
    lights,
    recurringPersons: [...recurring.values()].filter((r) => r.channels.length > 1),
    wageClass: { respondent: wageRespondent, cases: specs.filter((s) => s.respondent && 'company' in s.respondent && s.respondent.company === wageRespondent).length },
    elapsedMs: Date.now() - o.started,
    table: '',
  };
  summary.table = formatSummary(summary);
  return summary;
}

const KEY_ACCOUNTS = ['admin', 'leader', 'clerk', 'mediator', 'lawyer', 'cg_clerk', 'cg_med1', 'cg_leader', 'dh_clerk', 'dh_med1', 'jt_med1', 'ld_med1', 'grid_cg1', 'liaison_court', 'liaison_police', 'liaison_12345', 'rsj_clerk'];

/** The demo's accounts and figures, as text to print. */
export function formatSummary(s: DemoSummary): string {
  const width = (t: string) => [...t].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const pad = (t: string, n: number) => t + ' '.repeat(Math.max(0, n - width(t)));
  const lines: string[] = [];
  lines.push(`演示数据（种子 ${s.seed}）：${s.organizations} 个组织，${s.users.length} 个账号，${s.cases} 件案件，${s.events} 条历史记录，${chinaDay(s.from)} 至 ${chinaDay(s.to)}`);
  const others = s.password ? `演示账号的密码均为 ${s.password}` : '演示账号的密码为启动时指定的密码（不在此显示）';
  lines.push(`密码：${others}${s.adminPasswordGiven ? '；admin 使用启动时指定的管理员密码（不在此显示）' : ''}`);
  lines.push('');
  lines.push(`${pad('用户名', 16)}${pad('角色', 18)}${pad('姓名', 30)}组织`);
  const keyed = KEY_ACCOUNTS.map((k) => s.users.find((u) => u.username === k)).filter((u): u is DemoUser => !!u);
  for (const u of keyed) lines.push(`${pad(u.username, 16)}${pad(u.roles.join(','), 18)}${pad(u.displayName, 30)}${u.organization}`);
  lines.push(`（另有 ${s.users.length - keyed.length} 个账号：<乡镇>_clerk、<乡镇>_med1…、grid_<村>、<调委会>_med1/2、liaison_<渠道>；乡镇代码 cg 城关 dh 东河 xl 西岭 nh 南湖 bs 北山）`);
  lines.push('');
  lines.push(`状态：${Object.entries(s.byStatus).map(([k, n]) => `${k} ${n}`).join('，')}`);
  lines.push(`渠道：${Object.entries(s.byChannel).map(([k, n]) => `${k} ${n}`).join('，')}`);
  lines.push(`亮灯：红 ${s.lights.red}，黄 ${s.lights.yellow}，绿 ${s.lights.green}`);
  lines.push(`类案：${s.wageClass.respondent} 被申请欠薪 ${s.wageClass.cases} 件`);
  for (const p of s.recurringPersons) lines.push(`一人一档：${p.name} ${p.idNumber}，${p.cases} 件，渠道 ${p.channels.join('、')}`);
  return lines.join('\n');
}
