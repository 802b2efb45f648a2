/**
 * Bulk cases for benchmarks: many thousands of cases a second, straight into the tables with
 * multi-row INSERTs in batched transactions, bypassing the commands. Each case gets its parties
 * and a short, hash-chained history along its path (register → accept → assign → … → its
 * status), so `verifyHistory` passes; case numbers continue the counter table, so later
 * registrations go on without a gap.
 *
 * It assigns ids itself: run it while nothing else writes cases.
 */
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { CaseParticipant } from '../cases/case-participant.entity';
import { caseYear, formatCaseNumber } from '../cases/case.service';
import { MediationCase } from '../cases/case.entity';
import { CaseNumberCounter } from '../cases/case-number-counter.entity';
import { DEFAULT_LIMITS, Limits, pickPolicy, startClock, STOPPED } from '../clock/sla';
import { transaction } from '../db/data-source';
import { CaseEvent, FieldChanges } from '../history/case-event.entity';
import { historySealOf } from '../history/anchor';
import { CaseHistoryHead } from '../history/case-history-head.entity';
import { GENESIS, nextLink } from '../history/chain';
import { Organization } from '../organizations/organization.entity';
import { Party } from '../parties/party.entity';
import { SlaPolicy } from '../policies/sla-policy.entity';
import { maskIdNumber, maskPhone } from '../shared/personal-data';
import type { CaseStatus, Category, Channel } from '../shared/vocabulary';
import { CATEGORIES } from '../shared/vocabulary';
import { User } from '../users/user.entity';
import type { Tiaojie } from '../tiaojie';
import { creditCode, PersonFactory } from './people';
import { DAY, HOUR } from './plan';
import { Rng } from './random';
import { fill, STORIES } from './stories';

export interface GenerateOptions {
  /** PRNG seed (default 7). */
  seed?: number;
  /** Registrations spread over this many days before now (default 365). */
  days?: number;
  /** Cases per transaction (default 2000). */
  batchSize?: number;
  /** The end of the spread (default `tj.clock.now()`). */
  now?: Date;
  /** Distinct people the parties are drawn from (default n / 2): the rest recur, for 一人一档. */
  people?: number;
  /** `path` (default): an event per step of the case's path; `registration`: only the registration event. */
  history?: 'path' | 'registration';
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

const PATHS: Record<CaseStatus, Array<[string, CaseStatus]>> = {
  registered: [],
  rejected: [['reject', 'rejected']],
  accepted: [['accept', 'accepted']],
  assigned: [['accept', 'accepted'], ['assign', 'assigned']],
  mediating: [['accept', 'accepted'], ['assign', 'assigned'], ['startMediation', 'mediating']],
  suspended: [['accept', 'accepted'], ['assign', 'assigned'], ['startMediation', 'mediating'], ['suspend', 'suspended']],
  settled: [['accept', 'accepted'], ['assign', 'assigned'], ['startMediation', 'mediating'], ['settle', 'settled']],
  failed: [['accept', 'accepted'], ['assign', 'assigned'], ['startMediation', 'mediating'], ['fail', 'failed']],
  closed: [['accept', 'accepted'], ['assign', 'assigned'], ['startMediation', 'mediating'], ['settle', 'settled'], ['followUp', 'settled'], ['close', 'closed']],
  archived: [['accept', 'accepted'], ['assign', 'assigned'], ['startMediation', 'mediating'], ['settle', 'settled'], ['followUp', 'settled'], ['close', 'closed'], ['archive', 'archived']],
  withdrawn: [['accept', 'accepted'], ['withdraw', 'withdrawn']],
};
/** Days after registration each action typically happens (min, max), counted from the previous one. */
const GAPS: Record<string, [number, number]> = {
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
 * Insert `n` cases with parties and histories into a database that already has organizations
 * (for instance after `seedDemo`). Statuses follow the age of the case; lights follow from the
 * stored deadlines.
 * @throws Error when there is no organization with a case-number prefix
 */
export async function generateCases(tj: Tiaojie, n: number, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const started = Date.now();
  const ds = tj.dataSource;
  const seal = historySealOf(ds);
  const rng = new Rng(opts.seed ?? 7);
  const now = (opts.now ?? tj.clock.now()).getTime();
  const days = opts.days ?? 365;
  const batchSize = opts.batchSize ?? 2000;
  const log = opts.log ?? (() => undefined);

  const orgs = await ds.getRepository(Organization).find({ order: { id: 'ASC' } });
  const registrars = orgs.filter((o) => o.caseNumberPrefix);
  if (!registrars.length) throw new Error('generateCases: no organization with a case-number prefix; seed a county first');
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const registrarOf = (o: Organization): Organization => {
    for (let cur: Organization | undefined = o; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) if (cur.caseNumberPrefix) return cur;
    return registrars[0];
  };
  const places = orgs.filter((o) => o.type === 'village');
  const placesUnder = new Map<number, Organization[]>(registrars.map((r) => [r.id, places.filter((p) => p.path.startsWith(r.path) && registrarOf(p).id === r.id)]));
  // Townships carry most of the load, then the specialised organizations, then the county.
  const weightOf = (o: Organization) => (o.type === 'township' ? 10 : o.type === 'specialized' ? 3 : 4);
  const registrarWeights = Object.fromEntries(registrars.map((r) => [String(r.id), weightOf(r)]));
  const bodies = orgs.filter((o) => o.type === 'channel' && o.channel);
  const users = await ds.getRepository(User).find();
  const staff = (role: string, org: Organization) => users.filter((u) => u.roles.includes(role as never) && u.organizationId === org.id);
  const mediators = new Map(registrars.map((r) => [r.id, staff('mediator', r)]));
  const clerks = new Map(registrars.map((r) => [r.id, staff('clerk', r)]));
  const policies = await ds.getRepository(SlaPolicy).findBy({ active: true });
  const limitsCache = new Map<string, Limits>();
  const limitsOf = (channel: string, category: string) => {
    const key = `${channel}/${category}`;
    let l = limitsCache.get(key);
    if (!l) {
      const p = pickPolicy(policies, channel, category);
      limitsCache.set(key, (l = p ? { acceptDays: p.acceptDays, mediateDays: p.mediateDays, extensionDays: p.extensionDays, followUpDays: p.followUpDays, confirmationDays: p.confirmationDays, yellowPercent: p.yellowPercent } : DEFAULT_LIMITS));
    }
    return l;
  };

  // People, encrypted once each: parties are drawn from them, so some people recur across cases.
  const factory = new PersonFactory(rng.fork(1), ['140199', '140105', '140106', '140202', '110105']);
  const poolSize = Math.max(50, opts.people ?? Math.ceil(n / 2));
  const pool = Array.from({ length: poolSize }, () => {
    const p = factory.person();
    return { name: p.name, hash: tj.cipher.hashIdNumber(p.idNumber), idCipher: tj.cipher.encrypt(p.idNumber), idMasked: maskIdNumber(p.idNumber), phoneCipher: tj.cipher.encrypt(p.phone), phoneMasked: maskPhone(p.phone), idNumber: p.idNumber };
  });
  const companies = Array.from({ length: 300 }, (_, i) => ({ name: `青山县${['宏达', '鑫源', '恒通', '金穗', '华盛', '永安', '润丰', '德信', '兴旺', '瑞祥'][i % 10]}${['建筑劳务', '物业服务', '商贸', '机械制造', '餐饮管理', '汽车销售'][Math.floor(i / 10) % 6]}有限公司${i >= 60 ? `第${Math.floor(i / 60) + 1}分公司` : ''}`, code: creditCode(rng, '140199') }));
  log(`准备了 ${poolSize} 位当事人，用时 ${Date.now() - started} ms`);

  // Registration instants, oldest first, so serials follow time within each organization and year.
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = now - HOUR - rng.next() ** 0.8 * days * DAY; // a little denser towards today
  times.sort();

  const counters = new Map<string, number>();
  for (const c of await ds.getRepository(CaseNumberCounter).find()) counters.set(`${c.organizationId}/${c.year}`, c.lastSerial);
  const maxId = async (table: string) => Number((await ds.query(`SELECT MAX(id) AS m FROM ${table}`))[0]?.m ?? 0);
  let caseId = (await maxId('cases')) + 1;
  let partyId = (await maxId('parties')) + 1;
  let eventId = (await maxId('case_events')) + 1;
  const firstId = caseId;
  let parties = 0;
  let events = 0;
  const sampleCounts = new Map<number, number>();

  for (let from = 0; from < n; from += batchSize) {
    const caseRows: Array<Partial<MediationCase>> = [];
    const partyRows: Array<Partial<Party>> = [];
    const eventRows: Array<Partial<CaseEvent>> = [];
    const headRows: CaseHistoryHead[] = [];
    const participantRows: Array<Partial<CaseParticipant>> = [];
    const touched = new Set<string>();
    for (let i = from; i < Math.min(n, from + batchSize); i++) {
      const id = caseId++;
      const registeredAt = new Date(Math.floor(times[i]));
      const age = (now - registeredAt.getTime()) / DAY;
      const channel = rng.weighted(CHANNEL_WEIGHTS);
      const registrar = byId.get(Number(rng.weighted(registrarWeights)))!;
      const special = registrar.type === 'specialized';
      const category: Category = special ? (rng.chance(0.8) ? guessCategory(registrar.name) : rng.pick(CATEGORIES)) : rng.pick(CATEGORIES);
      const year = caseYear(registeredAt);
      const key = `${registrar.id}/${year}`;
      const serial = (counters.get(key) ?? 0) + 1;
      counters.set(key, serial);
      touched.add(key);
      const status = statusFor(rng, age);
      const limits = limitsOf(channel, category);
      const placeList = placesUnder.get(registrar.id) ?? [];
      const place = placeList.length ? rng.pick(placeList) : places.length ? rng.pick(places) : null;
      const body = ['court', 'procuratorate', 'police', 'government', 'petition'].includes(channel) ? bodies.find((b) => b.channel === channel) ?? null : null;
      const meds = mediators.get(registrar.id) ?? [];
      const mediator = meds.length ? rng.pick(meds) : null;
      const clerk = (clerks.get(registrar.id) ?? [])[0] ?? null;
      const s = rng.pick(STORIES[category]);
      const applicant = pool[rng.int(0, pool.length - 1)];
      const useCompany = !!s.company && rng.chance(0.7);
      const company = useCompany ? rng.pick(companies) : null;
      const respondent = company ? null : pool[rng.int(0, pool.length - 1)];
      const yuan = s.amount[1] ? Math.round(rng.float(s.amount[0], s.amount[1]) / 100) * 100 : 0;
      const vars = { A: applicant.name, B: company?.name ?? respondent!.name, P: place?.name ?? registrar.name, M: yuan };
      const peopleCount = rng.chance(0.03) ? rng.int(5, 60) : rng.chance(0.2) ? 3 : 2;

      // The path, with instants; steps that would lie in the future are dropped.
      const path = PATHS[status];
      const steps: Array<{ action: string; to: CaseStatus; at: number }> = [];
      let t = registeredAt.getTime();
      for (const [action, to] of path) {
        const [a, b] = GAPS[action];
        t = Math.min(t + rng.float(a, b) * DAY, now - 60_000 - (path.length - steps.length) * 1000);
        steps.push({ action, to, at: Math.max(t, registeredAt.getTime() + (steps.length + 1) * 1000) });
        t = steps[steps.length - 1].at;
      }
      const at = (action: string) => steps.find((x) => x.action === action)?.at;
      const acceptedAt = at('accept');
      const settledAt = at('settle');
      const closedAt = at('close') ?? at('reject') ?? at('withdraw') ?? null;
      const mediated = !!at('assign');
      let clock: Partial<MediationCase> = { ...STOPPED };
      if (status === 'registered') clock = startClock('acceptance', registeredAt, limits);
      else if (status === 'accepted' || status === 'assigned' || status === 'mediating') clock = startClock('mediation', new Date(acceptedAt!), limits);
      else if (status === 'suspended') {
        const c = startClock('mediation', new Date(acceptedAt!), limits);
        const sAt = at('suspend')!;
        clock = { ...c, yellowAt: null, deadlineAt: null, pausedRemainingMs: c.deadlineAt!.getTime() - sAt, pausedYellowRemainingMs: c.yellowAt!.getTime() - sAt };
      } else if (status === 'settled') clock = startClock('follow_up', new Date(settledAt!), limits);
      const risk = peopleCount >= 30 ? 'high' : rng.chance(0.015) ? 'critical' : rng.chance(0.04) ? 'high' : peopleCount >= 5 || yuan >= 1_000_000 ? 'medium' : rng.chance(0.15) ? 'medium' : 'low';
      const caseNumber = formatCaseNumber(year, registrar.caseNumberPrefix!, serial);
      const sourceRef = body ? `${channel.toUpperCase()}-${year}-${id}` : channel === 'hotline' || channel === 'grid' ? `${channel === 'hotline' ? 'RX' : 'WG'}${id}` : null;
      const lastAt = steps.length ? steps[steps.length - 1].at : registeredAt.getTime();
      caseRows.push({
        id, caseNumber, registeringOrgId: registrar.id, year, serial, channel, sourceRef, sourceOrgId: body?.id ?? null, category,
        title: fill(s.title, vars).slice(0, 200), description: fill(s.description, vars), amountFen: yuan ? yuan * 100 : null, peopleCount,
        placeOrgId: place?.id ?? null, address: null, status, triage: acceptedAt ? (rng.chance(0.08) ? 'major' : rng.chance(0.1) ? 'private' : 'minor') : null, risk,
        handlingOrgId: registrar.id, handlingOrgPath: registrar.path, mediatorId: mediated ? mediator?.id ?? null : null, adviserId: null,
        reporterId: channel === 'grid' ? null : clerk?.id ?? null, createdById: body ? null : clerk?.id ?? null,
        clockStage: null, clockStartedAt: null, yellowAt: null, deadlineAt: null, pausedRemainingMs: null, pausedYellowRemainingMs: null, ...clock,
        extended: false, confirmationDeadlineAt: settledAt ? new Date(settledAt + limits.confirmationDays * DAY) : null,
        registeredAt, acceptedAt: acceptedAt ? new Date(acceptedAt) : null, settledAt: settledAt ? new Date(settledAt) : null, closedAt: closedAt ? new Date(closedAt) : null,
        closeRoute: status === 'closed' || status === 'archived' ? 'agreement' : null,
        resultSummary: status === 'rejected' ? '不属于人民调解受理范围' : status === 'withdrawn' ? '申请人撤回申请' : null,
        followedUp: !!at('followUp'), performance: at('close') ? 'performed' : null,
        supervised: false, pendingTransferId: null, pendingTransferToPath: null, unacknowledgedTransfers: 0, flagged: false,
        version: 1 + steps.length, updatedAt: new Date(lastAt),
      });
      if (mediated && mediator) participantRows.push({ caseId: id, userId: mediator.id, role: 'mediator', joinedAt: new Date(at('assign')!) });

      const partyList = [
        { role: 'applicant' as const, kind: 'person' as const, name: applicant.name, idNumberHash: applicant.hash, idNumberCipher: applicant.idCipher, idNumberMasked: applicant.idMasked, phoneCipher: applicant.phoneCipher, phoneMasked: applicant.phoneMasked, creditCode: null },
        company
          ? { role: 'respondent' as const, kind: 'organization' as const, name: company.name, idNumberHash: null, idNumberCipher: null, idNumberMasked: null, phoneCipher: null, phoneMasked: null, creditCode: company.code }
          : { role: 'respondent' as const, kind: 'person' as const, name: respondent!.name, idNumberHash: respondent!.hash, idNumberCipher: respondent!.idCipher, idNumberMasked: respondent!.idMasked, phoneCipher: respondent!.phoneCipher, phoneMasked: respondent!.phoneMasked, creditCode: null },
      ];
      for (const p of partyList) partyRows.push({ id: partyId++, caseId: id, ...p, address: null, createdAt: registeredAt });
      const ai = pool.indexOf(applicant);
      if (ai < 20) sampleCounts.set(ai, (sampleCounts.get(ai) ?? 0) + 1);

      // History: the registration as `register` writes it, then one event per step, chained.
      let prev = GENESIS;
      let from: CaseStatus | null = null;
      const actorOf = (action: string) =>
        action === 'register' && body ? { actorId: null, actorName: `渠道:${channel}` } : ['assign', 'accept', 'reject', 'archive'].includes(action) || !mediator ? { actorId: clerk?.id ?? null, actorName: clerk?.displayName ?? '系统' } : { actorId: mediator.id, actorName: mediator.displayName };
      const all = [{ action: 'register', to: 'registered' as CaseStatus, at: registeredAt.getTime() }, ...(opts.history === 'registration' ? [] : steps)];
      all.forEach((st, k) => {
        const e = {
          id: eventId++, caseId: id, seq: k + 1, action: st.action, ...actorOf(st.action), at: new Date(st.at), fromStatus: from, toStatus: st.to,
          changes: (st.to !== from && from !== null ? { status: { before: from, after: st.to } } : {}) as FieldChanges,
          payload:
            st.action === 'register'
              ? { caseNumber, channel, sourceRef, category, parties: partyList.map((p) => ({ role: p.role, name: p.name, idNumber: p.idNumberMasked })) }
              : st.action === 'assign' && mediator
                ? { mediatorId: mediator.id, mediatorName: mediator.displayName, coMediatorIds: [] }
                : {},
          prevHash: prev,
          hash: '',
        };
        const link = nextLink(seal, k ? { seq: k, hash: prev } : null, e);
        e.hash = link.hash;
        prev = e.hash;
        if (k === all.length - 1) headRows.push(link.head);
        from = st.to;
        eventRows.push(e);
      });
    }
    if (opts.history === 'registration') {
      // Only the registration event: the case row keeps the status, but its version says one event.
      for (const c of caseRows) c.version = 1;
    }
    await transaction(ds, async (em) => {
      await insertChunks(em, MediationCase, caseRows);
      await insertChunks(em, Party, partyRows);
      await insertChunks(em, CaseEvent, eventRows);
      await insertChunks(em, CaseHistoryHead, headRows);
      await insertChunks(em, CaseParticipant, participantRows);
      for (const key of touched) {
        const [organizationId, year] = key.split('/').map(Number);
        const lastSerial = counters.get(key)!;
        const { affected } = await em.createQueryBuilder().update(CaseNumberCounter).set({ lastSerial }).where('organization_id = :organizationId AND year = :year', { organizationId, year }).execute();
        if (!affected) await em.getRepository(CaseNumberCounter).insert({ organizationId, year, lastSerial });
      }
    });
    parties += partyRows.length;
    events += eventRows.length;
    if ((from / batchSize) % 10 === 9) log(`  ${Math.min(n, from + batchSize)} / ${n}（${((Date.now() - started) / 1000).toFixed(1)} s）`);
  }
  const best = [...sampleCounts.entries()].sort((a, b) => b[1] - a[1])[0];
  return { cases: n, parties, events, firstId, lastId: caseId - 1, elapsedMs: Date.now() - started, sampleIdNumber: pool[best ? best[0] : 0].idNumber };
}

const guessCategory = (name: string): Category =>
  name.includes('交通') ? 'traffic' : name.includes('婚姻') ? 'marriage_family' : name.includes('医') ? 'medical' : name.includes('物业') ? 'property_management' : name.includes('劳动') ? 'labour' : name.includes('消费') ? 'consumer' : 'other';

/**
 * Insert rows of an entity as they are stored (dates, booleans and JSON converted like TypeORM
 * does). TypeORM's insert builder spends most of a bulk load building its statements, so this
 * writes plain parameterized INSERTs on the transaction's own connection: on SQLite one prepared
 * statement run per row (better-sqlite3 is synchronous, so this stays inside the transaction),
 * on MySQL/MariaDB multi-row statements of 1,000 rows.
 */
async function insertChunks(em: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: object[]) {
  if (!rows.length) return;
  const meta = em.connection.getMetadata(entity);
  const cols = meta.columns;
  const sqlite = em.connection.options.type !== 'mysql';
  const q = (name: string) => (sqlite ? `"${name}"` : `\`${name}\``);
  const convert = (c: ColumnMetadata, v: unknown) => {
    if (v === undefined || v === null) return null;
    if (c.type === 'simple-json') return JSON.stringify(v);
    if (v instanceof Date) return sqlite ? v.toISOString().slice(0, 23).replace('T', ' ') : v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    return v;
  };
  const values = (r: object) => cols.map((c) => convert(c, (r as Record<string, unknown>)[c.propertyName]));
  const head = `INSERT INTO ${q(meta.tableName)} (${cols.map((c) => q(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  if (sqlite) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = (em.queryRunner as any)?.databaseConnection ?? (em.connection.driver as any).databaseConnection;
    const stmt = db.prepare(head + tuple);
    for (const r of rows) stmt.run(values(r));
    return;
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await em.query(head + chunk.map(() => tuple).join(', '), chunk.flatMap(values));
  }
}
