/**
 * The bulk loader: many thousands of cases a second for benchmarks, demos and migrations from
 * other systems, written with multi-row INSERTs in batched transactions instead of one command
 * per step. It is core's, so the rules stay here: what it writes is what the commands would
 * have written for the same path, and every invariant below holds after a load.
 *
 * Invariants it keeps (tested in test/bulk-load.test.ts):
 * - case numbers are gapless per registering organization and year and continue the counter
 *   rows (`case_number_counters`), which it advances in the same transaction, so the next
 *   `register` takes the next serial;
 * - every step follows the lifecycle table (`ACTIONS[action].from`), and the status is the
 *   table's `to`; a step the loader cannot replay faithfully is refused (LOADABLE_ACTIONS);
 * - parties are stored like `register` stores them: ID numbers and phones encrypted, hashed for
 *   一人一档, masked for display;
 * - the history is one `register` event plus one event per step, hash-chained by the history
 *   module itself, so `verifyHistory` accepts it; the case's `version` is its event count;
 * - clock fields come from the SLA policy that `register` would pick, with the category's own
 *   mediation limit on top (acceptance clock while registered, mediation clock from acceptance,
 *   paused while suspended, follow-up clock after settlement, stopped otherwise), so lights are
 *   those of real cases;
 * - the assigned mediator is a participant of the case, like after `assign`.
 * What it does not write: sessions, agreements, follow-up or performance records (a loaded
 * settled case has its dates and flags, not the documents), transfers, supervision orders.
 *
 * It assigns row ids itself (the next after the largest): run it while nothing else writes cases.
 */
import Joi from 'joi';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { engineOf, transaction } from '../db/data-source';
import { CaseEvent, FieldChanges } from '../history/case-event.entity';
import { historySealOf, type HistorySeal } from '../history/anchor';
import { CaseHistoryHead } from '../history/case-history-head.entity';
import { nextLink, type ChainTip } from '../history/chain';
import { applyCountDeltas, countLoadedCases } from '../counts/case-counts';
import { CaseCountMark } from '../counts/case-count.entity';
import { addLoadedCasesToFigures } from '../figures/rollup';
import { Organization } from '../organizations/organization.entity';
import { Party } from '../parties/party.entity';
import { SlaPolicy } from '../policies/sla-policy.entity';
import { DisputeCategory } from '../categories/dispute-category.entity';
import { workCalendar } from '../calendar/holiday.service';
import { DEFAULT_LIMITS, Limits, pauseClock, pickPolicy, startClock, STOPPED } from '../clock/sla';
import { ValidationError } from '../shared/errors';
import { maskIdNumber, maskPhone } from '../shared/personal-data';
import { validate } from '../shared/validation';
import { CaseTerm } from '../search/case-term.entity';
import { termRowsOf } from '../search/terms';
import { LINKED_CHANNELS, TRIAGE_CLASSES } from '../shared/vocabulary';
import type { CaseStatus, RiskLevel, Triage } from '../shared/vocabulary';
import { boundedInstant } from '../shared/dates';
import { User } from '../users/user.entity';
import type { Tiaojie } from '../tiaojie';
import { CaseNumberCounter } from './case-number-counter.entity';
import { CaseParticipant } from './case-participant.entity';
import { caseYear, formatCaseNumber } from './case.service';
import { MediationCase } from './case.entity';
import { withCategoryRule } from './effect-context';
import { ACTIONS } from './lifecycle';
import { registerSchema } from './payloads';
import type { RegisterInput } from './payloads';

/** The actions a load can replay: their facts live on the case row alone. */
export const LOADABLE_ACTIONS = ['accept', 'reject', 'assign', 'startMediation', 'suspend', 'settle', 'fail', 'followUp', 'close', 'refer', 'archive', 'withdraw'] as const;
export type LoadableAction = (typeof LOADABLE_ACTIONS)[number];

/** One step of a loaded case's path after its registration. */
export interface LoadStep {
  action: LoadableAction;
  at: Date;
  /** The user who took the step; null for the system. */
  actorId: number | null;
}

/** One case to load: the registration's facts (as `register` takes them) and its path. */
export interface LoadCase extends Omit<RegisterInput, 'organizationId'> {
  /** The registering organization; it must have a case-number prefix. */
  organizationId: number;
  registeredAt: Date;
  /** The registering user; null for a channel's intake. */
  registeredById: number | null;
  /** The channel body that pushed the case in. */
  sourceOrgId?: number | null;
  /** Triage given at acceptance. */
  triage?: Triage | null;
  /** The mediator `assign` assigns (required when the path assigns). */
  mediatorId?: number | null;
  steps: LoadStep[];
}

export interface LoadOptions {
  /** Cases per transaction (default 2000). */
  batchSize?: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  cases: number;
  parties: number;
  events: number;
  /** Ids of the loaded cases, in input order. */
  ids: number[];
  elapsedMs: number;
  /** Of which adding the cases to the figures rollup. */
  figuresMs: number;
}

const date = boundedInstant();
const id = () => Joi.number().integer().min(1);
const loadSchema = registerSchema.keys({
  organizationId: id().required(),
  registeredAt: date.required(),
  registeredById: id().allow(null).required(),
  sourceOrgId: id().allow(null),
  triage: Joi.string().valid(...TRIAGE_CLASSES).allow(null),
  mediatorId: id().allow(null),
  steps: Joi.array()
    .items(Joi.object({ action: Joi.string().valid(...LOADABLE_ACTIONS).required(), at: date.required(), actorId: id().allow(null).required() }))
    .required(),
});

const fieldError = (field: string, zh: string, en: string) => new ValidationError([{ field, type: 'invalid', message: zh, messages: { zh, en } }]);

/** Validate one case and walk its path through the lifecycle table. @throws ValidationError */
function check(input: LoadCase, i: number, now: Date, orgs: Map<number, Organization>, users: Map<number, User>): { c: LoadCase; path: Array<{ step: LoadStep; from: CaseStatus; to: CaseStatus }> } {
  let c: LoadCase;
  try {
    c = validate(loadSchema, input) as LoadCase;
  } catch (e) {
    if (e instanceof ValidationError) throw new ValidationError(e.fields.map((f) => ({ ...f, field: `cases.${i}.${f.field}` })));
    throw e;
  }
  const org = orgs.get(c.organizationId);
  if (!org?.caseNumberPrefix) throw fieldError(`cases.${i}.organizationId`, '登记组织不存在或没有案号前缀', 'The registering organization does not exist or has no case-number prefix');
  for (const [k, ref] of [['registeredById', c.registeredById], ['mediatorId', c.mediatorId]] as const) {
    if (ref != null && !users.has(ref)) throw fieldError(`cases.${i}.${k}`, '用户不存在', 'No such user');
  }
  for (const [k, ref] of [['sourceOrgId', c.sourceOrgId], ['placeOrgId', c.placeOrgId]] as const) {
    if (ref != null && !orgs.has(ref)) throw fieldError(`cases.${i}.${k}`, '组织不存在', 'No such organization');
  }
  if (c.registeredAt > now) throw fieldError(`cases.${i}.registeredAt`, '登记时间不能晚于当前时间', 'The registration cannot lie in the future');
  const path: Array<{ step: LoadStep; from: CaseStatus; to: CaseStatus }> = [];
  let status: CaseStatus = 'registered';
  let last = c.registeredAt.getTime();
  for (const [k, step] of c.steps.entries()) {
    const field = `cases.${i}.steps.${k}`;
    const rule = ACTIONS[step.action];
    if (!(rule.from as readonly CaseStatus[]).includes(status)) throw fieldError(`${field}.action`, `案件在“${status}”状态下不能${rule.description.zh}`, `${rule.description.en} is not allowed from ${status}`);
    if (step.at.getTime() < last || step.at > now) throw fieldError(`${field}.at`, '步骤时间须按顺序且不晚于当前时间', 'Steps must be in order and not in the future');
    if (step.actorId != null && !users.has(step.actorId)) throw fieldError(`${field}.actorId`, '用户不存在', 'No such user');
    if (step.action === 'assign' && c.mediatorId == null) throw fieldError(`cases.${i}.mediatorId`, '分派需要调解员', 'Assigning needs a mediator');
    const to: CaseStatus = rule.to ?? status;
    path.push({ step, from: status, to });
    status = to;
    last = step.at.getTime();
  }
  return { c, path };
}

/**
 * Load cases with their parties and hash-chained histories, as if each had been registered and
 * taken along its path by the commands (see the invariants at the top of this module). Input is
 * validated first, whole: a bad case changes nothing. Cases are numbered in order of
 * registration time.
 * @throws ValidationError naming `cases.<i>.<field>` for a bad case, a step the lifecycle table
 *   does not allow, or a reference to a missing user or organization
 */
export async function loadCases(tj: Tiaojie, input: LoadCase[], opts: LoadOptions = {}): Promise<LoadResult> {
  const started = Date.now();
  const ds = tj.dataSource;
  const seal = historySealOf(ds);
  const batchSize = opts.batchSize ?? 2000;
  const log = opts.log ?? (() => undefined);
  const now = tj.clock.now();
  const orgs = new Map((await ds.getRepository(Organization).find()).map((o) => [o.id, o]));
  const users = new Map((await ds.getRepository(User).find()).map((u) => [u.id, u]));
  // Each policy governs its organization's subtree (pickPolicy), as `limitsFor` reads them for a command.
  const policies = (await ds.getRepository(SlaPolicy).findBy({ active: true })).flatMap((q) => {
    const owner = orgs.get(q.organizationId);
    return owner ? [{ ...q, orgPath: owner.path }] : [];
  });
  // A category's own mediation limit wins over the policy's, as in `limitsFor`.
  const categories = new Map((await ds.getRepository(DisputeCategory).find()).map((k) => [k.code, k]));
  const calendar = await workCalendar(ds.manager);
  const limitsCache = new Map<string, Limits>();
  const limitsOf = (channel: string, category: string, handlingOrgPath: string) => {
    const key = `${channel}/${category}/${handlingOrgPath}`;
    let l = limitsCache.get(key);
    if (!l) {
      const p = pickPolicy(policies, channel, category, handlingOrgPath);
      const base = p ? { acceptDays: p.acceptDays, mediateDays: p.mediateDays, extensionDays: p.extensionDays, followUpDays: p.followUpDays, confirmationDays: p.confirmationDays, yellowPercent: p.yellowPercent } : DEFAULT_LIMITS;
      l = withCategoryRule(base, categories.get(category), calendar);
      limitsCache.set(key, l);
    }
    return l;
  };

  const checked = input.map((c, i) => ({ ...check(c, i, now, orgs, users), i }));
  // Serials follow time within each organization and year, as registrations would have taken them.
  const order = [...checked].sort((a, b) => a.c.registeredAt.getTime() - b.c.registeredAt.getTime() || a.i - b.i);
  const ids = new Array<number>(input.length);
  let parties = 0;
  let events = 0;
  let figuresMs = 0;

  for (let from = 0; from < order.length; from += batchSize) {
    const batch = order.slice(from, from + batchSize);
    await transaction(ds, async (em) => {
      const maxId = async (table: string) => Number((await em.query(`SELECT MAX(id) AS m FROM ${table}`))[0]?.m ?? 0);
      let caseId = (await maxId('cases')) + 1;
      let partyId = (await maxId('parties')) + 1;
      let eventId = (await maxId('case_events')) + 1;
      const counters = new Map<string, number>();
      for (const k of await em.getRepository(CaseNumberCounter).find()) counters.set(`${k.organizationId}/${k.year}`, k.lastSerial);
      const touched = new Set<string>();
      const caseRows: Array<Partial<MediationCase>> = [];
      const partyRows: Array<Partial<Party>> = [];
      const eventRows: CaseEvent[] = [];
      const participantRows: Array<Partial<CaseParticipant>> = [];
      const termRows: Array<Pick<CaseTerm, 'term' | 'caseId'>> = [];
      const headRows: CaseHistoryHead[] = [];

      for (const { c, path, i } of batch) {
        const cid = caseId++;
        ids[i] = cid;
        const registrar = orgs.get(c.organizationId)!;
        const year = caseYear(c.registeredAt);
        const key = `${registrar.id}/${year}`;
        const serial = (counters.get(key) ?? 0) + 1;
        counters.set(key, serial);
        touched.add(key);
        const caseNumber = formatCaseNumber(year, registrar.caseNumberPrefix!, serial, registrar.caseNumberFormat, registrar.serialPadding);
        const limits = limitsOf(c.channel, c.category, registrar.path);
        const at = (action: LoadableAction) => path.find((p) => p.step.action === action)?.step.at ?? null;
        const status = path.length ? path[path.length - 1].to : 'registered';
        const acceptedAt = at('accept');
        const settledAt = at('settle');
        const assigned = path.some((p) => p.step.action === 'assign');
        const lastAt = path.length ? path[path.length - 1].step.at : c.registeredAt;

        let clock = { ...STOPPED };
        if (status === 'registered') clock = startClock('acceptance', c.registeredAt, limits);
        else if (status === 'accepted' || status === 'assigned' || status === 'mediating') clock = startClock('mediation', acceptedAt!, limits);
        else if (status === 'suspended') clock = pauseClock(startClock('mediation', acceptedAt!, limits), at('suspend')!);
        else if (status === 'settled') clock = startClock('follow_up', settledAt!, limits);

        const closedAt = at('close') ?? at('refer') ?? at('reject') ?? at('withdraw');
        const facts = {
          id: cid, caseNumber, registeringOrgId: registrar.id, year, serial,
          channel: c.channel, sourceRef: c.sourceRef ?? null, sourceOrgId: c.sourceOrgId ?? null, sourceOwnerId: c.sourceOrgId ?? 0, category: c.category,
          // As registration defaults them (人民调解法 第17条, 第18条).
          source: LINKED_CHANNELS.includes(c.channel) ? 'referral' : c.channel === 'grid' ? 'own_initiative' : 'application',
          mediationType: c.channel === 'court' ? 'court_delegated' : registrar.type === 'specialized' ? 'sector' : registrar.type === 'department' ? 'administrative' : 'people',
          consent: null, consentOn: null, chosenMediator: null, rightsNotifiedOn: null,
          title: c.title, description: c.description, amountFen: c.amountFen ?? null, peopleCount: c.peopleCount ?? 1,
          placeOrgId: c.placeOrgId ?? null, address: c.address || null, status,
          triage: acceptedAt ? (c.triage ?? 'minor') : null, // A risk of turning criminal (第25条) makes the case at least high risk, as registration does.
          risk: (c.criminalRisk && c.risk !== 'critical' ? 'high' : (c.risk ?? 'low')) as RiskLevel,
          handlingOrgId: registrar.id, handlingOrgPath: registrar.path, mediatorId: assigned ? c.mediatorId! : null, adviserId: null,
          reporterId: c.registeredById, createdById: c.registeredById,
          ...clock,
          extended: false, confirmationDeadlineAt: settledAt ? new Date(settledAt.getTime() + limits.confirmationDays * 86_400_000) : null,
          registeredAt: c.registeredAt, acceptedAt, settledAt, closedAt,
          closeRoute: at('close') ? 'agreement' : at('refer') ? 'litigation' : null,
          resultSummary: at('reject') ? '不属于人民调解受理范围' : at('withdraw') ? '申请人撤回申请' : null,
          followedUp: !!at('followUp'), performance: at('close') ? 'performed' : null,
          supervised: false, criminalRisk: c.criminalRisk !== undefined, pendingTransferId: null, pendingTransferToPath: null, unacknowledgedTransfers: 0, flagged: false,
          version: 1 + path.length, updatedAt: lastAt,
        } satisfies Partial<MediationCase>;
        caseRows.push(facts as Partial<MediationCase>);
        if (assigned) participantRows.push({ caseId: cid, userId: c.mediatorId!, role: 'mediator', joinedAt: at('assign')! });

        const stored = c.parties.map((p) => ({
          id: partyId++, caseId: cid, role: p.role, kind: p.kind ?? 'person', name: p.name,
          idNumberHash: p.idNumber ? tj.cipher.hashIdNumber(p.idNumber) : null,
          idNumberCipher: p.idNumber ? tj.cipher.encrypt(p.idNumber) : null,
          idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null,
          phoneCipher: p.phone ? tj.cipher.encrypt(p.phone) : null,
          phoneMasked: p.phone ? maskPhone(p.phone) : null,
          address: p.address ?? null, creditCode: p.creditCode ?? null, createdAt: c.registeredAt,
        }));
        partyRows.push(...(stored as Array<Partial<Party>>));
        termRows.push(...termRowsOf(cid, { caseNumber, title: c.title, description: c.description, sourceRef: c.sourceRef ?? null, partyNames: c.parties.map((p) => p.name) }));

        // The history `register` and `run` would have written: same actors, payload shapes and changes.
        const actor = (userId: number | null) => (userId == null ? { actorId: null, actorName: '系统' } : { actorId: userId, actorName: users.get(userId)!.displayName });
        const mediator = c.mediatorId != null ? users.get(c.mediatorId) : undefined;
        const history: Array<Omit<CaseEvent, 'id' | 'prevHash' | 'hash'>> = [
          {
            caseId: cid, seq: 1, action: 'register',
            // A channel's intake has no user: the history names the channel, with actor 0 as `intake` writes it.
            ...(c.registeredById == null ? { actorId: 0, actorName: `渠道:${c.channel}` } : actor(c.registeredById)),
            at: c.registeredAt, fromStatus: null, toStatus: 'registered', changes: {},
            payload: { caseNumber, channel: c.channel, sourceRef: c.sourceRef ?? null, category: c.category, parties: stored.slice(0, 20).map((p) => ({ role: p.role, name: p.name, idNumber: p.idNumberMasked })), partyCount: stored.length, ...(c.criminalRisk ? { criminalRisk: c.criminalRisk } : {}) },
          },
          ...path.map(({ step, from, to }, k) => ({
            caseId: cid, seq: k + 2, action: step.action, ...actor(step.actorId), at: step.at, fromStatus: from, toStatus: to,
            changes: (to !== from ? { status: { before: from, after: to } } : {}) as FieldChanges,
            payload: step.action === 'assign' && mediator ? { mediatorId: mediator.id, mediatorName: mediator.displayName, coMediatorIds: [] } : {},
          })),
        ];
        const linked = chain(seal, history);
        for (const e of linked.events) eventRows.push({ ...e, id: eventId++ } as CaseEvent);
        headRows.push(linked.head);
      }

      await insertRows(em, MediationCase, caseRows);
      await insertRows(em, Party, partyRows);
      await insertRows(em, CaseEvent, eventRows);
      await insertRows(em, CaseHistoryHead, headRows);
      await insertRows(em, CaseParticipant, participantRows);
      // In key order, so each term's postings grow at their end.
      await insertRows(em, CaseTerm, termRows.sort((a, b) => a.term - b.term || a.caseId - b.caseId));
      const figuresFrom = Date.now();
      await addLoadedCasesToFigures(em, caseRows as MediationCase[], eventRows);
      figuresMs += Date.now() - figuresFrom;
      const counted = countLoadedCases(caseRows as MediationCase[], now);
      await insertRows(em, CaseCountMark, counted.marks);
      await applyCountDeltas(em, counted.deltas);
      for (const key of touched) {
        const [organizationId, year] = key.split('/').map(Number);
        const lastSerial = counters.get(key)!;
        const { affected } = await em.createQueryBuilder().update(CaseNumberCounter).set({ lastSerial }).where('organization_id = :organizationId AND year = :year', { organizationId, year }).execute();
        if (!affected) await em.getRepository(CaseNumberCounter).insert({ organizationId, year, lastSerial });
      }
      parties += partyRows.length;
      events += eventRows.length;
    });
    if ((from / batchSize) % 10 === 9) log(`  ${Math.min(order.length, from + batchSize)} / ${order.length}（${((Date.now() - started) / 1000).toFixed(1)} s）`);
  }
  return { cases: input.length, parties, events, ids, elapsedMs: Date.now() - started, figuresMs };
}

/**
 * Link a case's events into its hash chain and seal its head. The one place the loader hashes:
 * through the history module's own `nextLink`, so a change to the chain reaches loaded cases too.
 */
function chain<E extends Omit<CaseEvent, 'id' | 'prevHash' | 'hash'>>(seal: HistorySeal, events: E[]): { events: Array<E & { prevHash: string; hash: string }>; head: CaseHistoryHead } {
  let tip: ChainTip | null = null;
  let head: CaseHistoryHead | undefined;
  const linked = events.map((e) => {
    // Stored JSON reads back as plain values: hash what will be read.
    const plainEvent = { ...e, changes: JSON.parse(JSON.stringify(e.changes)), payload: JSON.parse(JSON.stringify(e.payload)) };
    const link = nextLink(seal, tip, plainEvent);
    tip = { seq: link.seq, hash: link.hash };
    head = link.head;
    return { ...plainEvent, prevHash: link.prevHash, hash: link.hash };
  });
  return { events: linked, head: head! };
}

/**
 * Insert rows of an entity as they are stored (dates, booleans and JSON converted like TypeORM
 * does). TypeORM's insert builder spends most of a bulk load building its statements, so this
 * writes plain parameterized INSERTs on the transaction's own connection: on SQLite one prepared
 * statement run per row (better-sqlite3 is synchronous, so this stays inside the transaction),
 * on MySQL/MariaDB multi-row statements of 1,000 rows.
 */
async function insertRows(em: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: object[]) {
  if (!rows.length) return;
  const meta = em.connection.getMetadata(entity);
  const cols = meta.columns;
  const sqlite = engineOf(em.connection) === 'sqlite';
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
    const runner = em.queryRunner as unknown as { databaseConnection?: BetterSqlite } | undefined;
    const db = runner?.databaseConnection ?? (em.connection.driver as unknown as { databaseConnection: BetterSqlite }).databaseConnection;
    const stmt = db.prepare(head + tuple);
    for (const r of rows) stmt.run(values(r));
    return;
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await em.query(head + chunk.map(() => tuple).join(', '), chunk.flatMap(values));
  }
}

interface BetterSqlite {
  prepare(sql: string): { run(params: unknown[]): unknown };
}
