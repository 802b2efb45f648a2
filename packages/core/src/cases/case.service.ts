import Joi from 'joi';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { lightAt, startClock, type Limits } from '../clock/sla';
import { transaction } from '../db/data-source';
import { CaseEvent } from '../history/case-event.entity';
import { appendEvent, diff, readBeforeRegistering, verifyHistory, ChainVerdict } from '../history/chain';
import { Organization } from '../organizations/organization.entity';
import { Party } from '../parties/party.entity';
import { User } from '../users/user.entity';
import { chinaYear } from '../shared/china-time';
import { Clock } from '../shared/clock';
import { ActionForbiddenError, DuplicateError, ForbiddenError, InvalidTransitionError, isUniqueViolation, NotFoundError, StaleVersionError } from '../shared/errors';
import { maskIdNumber, maskPhone, PersonalDataCipher, isValidIdNumber } from '../shared/personal-data';
import { validate } from '../shared/validation';
import { PiiAccess } from '../system/pii-access.entity';
import type { CaseSource, Channel, Light, MediationType } from '../shared/vocabulary';
import { particulars } from '../parties/particulars';
import { LINKED_CHANNELS } from '../shared/vocabulary';
import { CaseNumberCounter } from './case-number-counter.entity';
import { nextSerial } from './counters';
import { MediationCase } from './case.entity';
import { EFFECTS, transferTargetsQuery } from './effects';
import { Transfer } from './transfer.entity';
import { EffectContext, factsOf, fieldError, limitsFor, placeOf } from './effect-context';
import { ACTIONS, ActionName, Actor, allowedActions, type CaseFacts, check, endsHandover, isActionName, isRoleRefusal, nextStatus } from './lifecycle';
import { ACTION_PAYLOADS, Payloads, RegisterInput, registerSchema } from './payloads';
import { CaseQuery, ResolvedCaseFilter, applyCaseFilters, applyCaseSort, caseSort } from './case-query';
import { indexNewCase, planTermQuery, refreshCaseTerms } from '../search/terms';
import { scopeCases, scopeConditions } from './scope';
import { CaseRows } from './case-rows';
import { countedListPlan, countedListTotal } from '../counts/case-totals';
import { activeCategory } from '../categories/category.service';
import { DisputeCategory } from '../categories/dispute-category.entity';

/** The names a reader sees beside a case's ids. */
export interface CaseNames {
  handlingOrgName: string | null;
  registeringOrgName: string | null;
  placeOrgName: string | null;
  sourceOrgName: string | null;
  mediatorName: string | null;
  adviserName: string | null;
}

/** `getNamed`'s joins: alias (also the raw column's name), entity, the case's column, the name's property. */
const NAME_JOINS = [
  ['n_ho', Organization, 'handling_org_id', 'name'],
  ['n_ro', Organization, 'registering_org_id', 'name'],
  ['n_po', Organization, 'place_org_id', 'name'],
  ['n_so', Organization, 'source_org_id', 'name'],
  ['n_me', User, 'mediator_id', 'displayName'],
  ['n_ad', User, 'adviser_id', 'displayName'],
] as const;

/** The id an auto-increment insert generated: mysql2's `insertId`, better-sqlite3's `lastInsertRowid`. */
const insertedId = (raw: unknown): number => Number(raw !== null && typeof raw === 'object' && 'insertId' in raw ? (raw as { insertId: unknown }).insertId : raw);

/**
 * The actions whose effects read the case's time limits (start, extend or check a clock, a
 * confirmation deadline); the others do not read the SLA policy (two statements a command).
 */
const TIMED_ACTIONS: ReadonlySet<ActionName> = new Set<ActionName>(['accept', 'extendDeadline', 'settle', 'applyConfirmation', 'acknowledge', 'reopen', 'lapse']);

/** Limits for an action not in TIMED_ACTIONS: reading one is a bug (the action belongs in the set), never a silent default. */
const untimed = (action: string): Limits =>
  new Proxy({} as Limits, {
    get: (_, key) => {
      if (typeof key !== 'string' || key === 'then') return undefined;
      throw new Error(`${action} reads the time limit ${String(key)}: add it to TIMED_ACTIONS`);
    },
  });

/** Actions whose effect writes the case row itself, beside its changes (the hand-over's pending transfer). */
const ROW_WRITING_EFFECTS: ReadonlySet<ActionName> = new Set<ActionName>(['transfer', 'escalate']);

/** Who runs the system's own actions (`lapse`): nobody's role; the history names 系统. */
const SYSTEM_ACTOR: Actor = { id: 0, name: '系统', roles: [], organizationId: 0, orgPath: '/' };

/** A case as read: the row plus its light at the time of reading. */
export type CaseView = MediationCase & { light: Light | null };

/** A channel system that pushes cases in (resolved from its API key). */
export interface ChannelPrincipal {
  organizationId: number;
  channel: Channel;
}

/** Case lists count matches up to this many; beyond it the total is a lower bound (`capped`). */
export const CASE_COUNT_CAP = 10_000;

/** The actions that may change what `q` searches (title, description, source reference, party names): they refresh the case's terms. */
const SEARCHED_TEXT_ACTIONS: ReadonlySet<ActionName> = new Set<ActionName>(['edit', 'editParty']);

/** The year a case number carries: the registration's calendar year in China. */
export const caseYear = chinaYear;
/** The standard form of a case number, as offices write it: （2026）青城调字第42号. */
export const DEFAULT_CASE_NUMBER_FORMAT = '（{year}）{prefix}调字第{serial}号';
/**
 * A case number in the registering organization's format (`{year}`, `{prefix}`, `{serial}`;
 * default `DEFAULT_CASE_NUMBER_FORMAT`), the serial zero-padded to `padding` digits (0: plain).
 */
export const formatCaseNumber = (year: number, prefix: string, serial: number, format?: string | null, padding = 0) =>
  (format || DEFAULT_CASE_NUMBER_FORMAT).replaceAll('{year}', String(year)).replaceAll('{prefix}', prefix).replaceAll('{serial}', String(serial).padStart(padding, '0'));

/**
 * Cases: registration, channel intake, the lifecycle's commands, and the scoped reads. Every
 * command runs in one transaction and appends one hash-chained history event.
 */
export class CaseService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /**
   * Register a case at the desk (walk-in, hotline), from a grid worker, a liaison or an adviser.
   * A linked channel's reference belongs to its channel body: a paper referral registered at the
   * desk with a `sourceRef` names that body (`sourceOrgId`), whose own push of the reference later
   * finds this case; a liaison registers for its own body. With a `sourceRef`, registering the same
   * reference of the same body again returns the existing case (`created: false`).
   * @throws ValidationError (`sourceOrgId`), ForbiddenError
   */
  async register(actor: Actor, input: unknown): Promise<{ case: CaseView; created: boolean }> {
    const data = validate<RegisterInput>(registerSchema, input);
    // Only a liaison's right depends on its organization (the channel it speaks for).
    const own = actor.roles.includes('liaison') ? await this.ds.getRepository(Organization).findOneBy({ id: actor.organizationId }) : null;
    assertMayRegister(actor, data.channel, own?.channel ?? null);
    const sourceOrgId = await this.channelBodyOf(actor, data);
    return this.registerValidated(data, actor, {
      organizationId: data.organizationId ?? actor.organizationId,
      sourceOrgId,
      reporterId: actor.roles.includes('grid') ? actor.id : null,
      restrictToPath: actor.orgPath,
      // A known reference answers with its case only to someone who may see that case.
      mayReturn: async (existing) => (await this.scoped(this.ds.manager, actor).andWhere('c.id = :id', { id: existing.id }).getCount()) > 0,
    });
  }

  /**
   * Idempotent intake from a linked channel's system: (channel body, sourceRef) identifies the
   * case; the same reference again, even at the same moment, returns the existing case, also one
   * the desk registered from the body's paper referral. Another body's equal reference is its own case.
   * @throws ValidationError
   */
  async intake(principal: ChannelPrincipal, input: unknown): Promise<{ case: CaseView; created: boolean }> {
    const data = validate<RegisterInput>(registerSchema, { ...(input as object), channel: principal.channel });
    if (!data.sourceRef) throw fieldError('sourceRef', 'any.required', '来源编号不能为空', 'sourceRef is required');
    if (data.sourceOrgId != null && data.sourceOrgId !== principal.organizationId) {
      throw fieldError('sourceOrgId', 'any.invalid', '渠道只能推送本单位的案件', 'A channel pushes its own cases only');
    }
    return this.registerValidated(data, null, {
      organizationId: principal.organizationId,
      sourceOrgId: principal.organizationId,
      reporterId: null,
      restrictToPath: null,
      // A channel body learns only about the cases it sent itself (or the desk registered for it).
      mayReturn: async (existing) => existing.sourceOrgId === principal.organizationId,
    });
  }

  /** The channel body a registration speaks for: the liaison's own, or the one the desk names. @throws ValidationError */
  private async channelBodyOf(actor: Actor, data: RegisterInput): Promise<number | null> {
    const bodyError = (zh: string, en: string) => fieldError('sourceOrgId', 'any.invalid', zh, en);
    if (actor.roles.includes('liaison')) {
      if (data.sourceOrgId != null && data.sourceOrgId !== actor.organizationId) throw bodyError('对接员只能登记本单位的案件', 'A liaison registers for their own channel body only');
      return actor.organizationId;
    }
    const linked = LINKED_CHANNELS.includes(data.channel);
    if (data.sourceOrgId == null) {
      // Otherwise anyone could occupy a channel's reference before the channel pushes it.
      if (linked && data.sourceRef) throw fieldError('sourceOrgId', 'any.required', '登记对接渠道的来源编号时须指明送案单位', 'A linked channel’s reference needs its channel body (sourceOrgId)');
      return null;
    }
    if (!linked) throw bodyError('只有对接渠道（法院、检察院、公安、部门、信访）有送案单位', 'Only linked channels (court, procuratorate, police, government, petition) have a channel body');
    const body = await this.ds.getRepository(Organization).findOneBy({ id: data.sourceOrgId, active: true });
    if (!body || (body.type !== 'channel' && body.type !== 'department') || body.channel !== data.channel) {
      throw bodyError('送案单位应为该渠道的对接单位或部门', 'The channel body must be a channel desk or department of this channel');
    }
    return body.id;
  }

  private async registerValidated(
    data: RegisterInput,
    actor: Actor | null,
    at: {
      organizationId: number;
      sourceOrgId: number | null;
      reporterId: number | null;
      restrictToPath: string | null;
      mayReturn: (existing: MediationCase) => Promise<boolean>;
    },
  ): Promise<{ case: CaseView; created: boolean }> {
    /** The case already registered under this reference, if any; someone else's is a conflict that reveals nothing. */
    const known = async () => {
      const existing = data.sourceRef ? await this.findBySource(data.channel, at.sourceOrgId, data.sourceRef) : null;
      if (!existing) return null;
      if (!(await at.mayReturn(existing))) {
        throw new DuplicateError('sourceRef', { zh: '该来源编号已由其他单位登记', en: 'This source reference was registered by another organization' });
      }
      return { case: this.view(existing), created: false };
    };
    const found = await known();
    if (found) return found;
    try {
      const created = await transaction(this.ds, async (em) => {
        const org = await em.getRepository(Organization).findOneBy({ id: at.organizationId });
        if (!org || (at.restrictToPath && !org.path.startsWith(at.restrictToPath))) {
          throw fieldError('organizationId', 'any.invalid', '登记组织无效或不在您的范围内', 'Unknown organization or outside your scope');
        }
        const registrar = await nearestWithPrefix(em, org);
        if (data.placeOrgId) await placeOf(em, data.placeOrgId);
        await activeCategory(em, data.category);
        const now = this.clock.now();
        const year = caseYear(now);
        const limits = await limitsFor(em, data.channel, data.category, registrar.path);
        const repo = em.getRepository(MediationCase);
        const source = data.source ?? defaultSource(data.channel);
        const mediationType = data.mediationType ?? defaultMediationType(data.channel, registrar);
        // 委派/委托调解 are a court's: the case must come from the court channel.
        if (mediationType.startsWith('court_') && data.channel !== 'court') {
          throw fieldError('mediationType', 'any.invalid', '只有法院诉调对接渠道的案件可以是法院委派或委托调解', 'Court-delegated or court-entrusted mediation needs the court channel');
        }
        const partyParticulars = data.parties.map((p, i) => (p.kind === 'person' ? particulars(p, `parties.${i}.`) : { birthDate: null, sex: null }));
        const row = repo.create({
          source,
          mediationType,
          consent: null,
          consentOn: null,
          chosenMediator: null,
          rightsNotifiedOn: null,
          caseNumber: '', // numbered below, last
          registeringOrgId: registrar.id,
          year,
          serial: 0,
          channel: data.channel,
          sourceRef: data.sourceRef ?? null,
          sourceOrgId: at.sourceOrgId,
          sourceOwnerId: at.sourceOrgId ?? 0,
          category: data.category,
          title: data.title,
          description: data.description,
          amountFen: data.amountFen ?? null,
          peopleCount: data.peopleCount ?? Math.max(1, data.parties.length),
          placeOrgId: data.placeOrgId ?? (org.type === 'village' || org.type === 'grid' ? org.id : null),
          address: data.address ?? null,
          status: 'registered',
          triage: null,
          risk: registeredRisk(data),
          handlingOrgId: registrar.id,
          handlingOrgPath: registrar.path,
          mediatorId: null,
          adviserId: null,
          reporterId: at.reporterId ?? actor?.id ?? null,
          createdById: actor?.id ?? null,
          ...startClock('acceptance', now, limits),
          extended: false,
          confirmationDeadlineAt: null,
          registeredAt: now,
          acceptedAt: null,
          settledAt: null,
          closedAt: null,
          closeRoute: null,
          resultSummary: null,
          followedUp: false,
          performance: null,
          supervised: false,
          criminalRisk: data.criminalRisk !== undefined,
          pendingTransferId: null,
          pendingTransferToPath: null,
          unacknowledgedTransfers: 0,
          flagged: false,
          version: 1,
          updatedAt: now,
        });
        const parties = data.parties.map((p, i) =>
          em.getRepository(Party).create({
            ...partyParticulars[i],
            ethnicity: p.ethnicity ?? null,
            occupation: p.occupation ?? null,
            legalRepresentative: p.legalRepresentative ?? null,
            agents: p.agents?.length ? p.agents : null,
            caseId: 0,
            role: p.role,
            kind: p.kind,
            name: p.name,
            idNumberHash: p.idNumber ? this.cipher.hashIdNumber(p.idNumber) : null,
            idNumberCipher: p.idNumber ? this.cipher.encrypt(p.idNumber) : null,
            idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null,
            phoneCipher: p.phone ? this.cipher.encrypt(p.phone) : null,
            phoneMasked: p.phone ? maskPhone(p.phone) : null,
            address: p.address ?? null,
            creditCode: p.creditCode ?? null,
            createdAt: now,
          }),
        );
        // What the history's hooks would read (subscriptions, classes for warnings), read now.
        const reads = await readBeforeRegistering(em, { ...row, handlingOrgType: registrar.type }, parties.filter((p) => p.role === 'respondent'), now);
        // The counter row stays locked until commit: take the serial only now, when everything
        // else (checks, limits, encryption, the hooks' reads) is done, so concurrent registrations
        // wait the least; after it, only writes.
        const serial = await nextSerial(em, CaseNumberCounter, registrar.id, year);
        Object.assign(row, { serial, caseNumber: formatCaseNumber(year, registrar.caseNumberPrefix!, serial, registrar.caseNumberFormat, registrar.serialPadding) });
        // Every column is set above, so the row is not read back after the insert (as `save` would).
        const inserted = await em.createQueryBuilder().insert().into(MediationCase).values(row).updateEntity(false).execute();
        const saved = Object.assign(row, { id: insertedId(inserted.raw) });
        for (const p of parties) p.caseId = saved.id;
        await em.getRepository(Party).insert(parties);
        await indexNewCase(em, saved.id, { ...saved, partyNames: parties.map((p) => p.name) });
        await appendEvent(em, {
          caseId: saved.id,
          action: 'register',
          actor: actor ?? { id: 0, name: `渠道:${data.channel}` },
          at: now,
          fromStatus: null,
          toStatus: 'registered',
          changes: {},
          payload: {
            caseNumber: saved.caseNumber,
            channel: saved.channel,
            sourceRef: saved.sourceRef,
            category: saved.category,
            source: saved.source,
            mediationType: saved.mediationType,
            // The first parties by name (the history's text column must fit every engine); all are on the case.
            parties: parties.slice(0, 20).map((p) => ({ role: p.role, name: p.name, idNumber: p.idNumberMasked })),
            partyCount: parties.length,
            // 第25条: the measures and the report, as a later `reportCriminalRisk` records them.
            ...(data.criminalRisk ? { criminalRisk: data.criminalRisk } : {}),
          },
          case: saved,
          registration: reads,
        });
        return saved;
      });
      return { case: this.view(created), created: true };
    } catch (e) {
      // Two intakes of one reference at the same moment: the unique index lets one in.
      if (data.sourceRef && isUniqueViolation(e)) {
        const raced = await known();
        if (raced) return raced;
      }
      throw e;
    }
  }

  /** A reference is the channel body's own (0: a channel without bodies): unique per (channel, body). */
  private findBySource(channel: Channel, sourceOrgId: number | null, sourceRef: string) {
    return this.ds.getRepository(MediationCase).findOneBy({ channel, sourceOwnerId: sourceOrgId ?? 0, sourceRef });
  }

  /** The case a channel sent, or a desk registered for it, by its own reference; null when unknown or another body's. */
  async findForChannel(principal: ChannelPrincipal, sourceRef: string): Promise<CaseView | null> {
    const c = await this.findBySource(principal.channel, principal.organizationId, sourceRef);
    return c && c.sourceOrgId === principal.organizationId ? this.view(c) : null;
  }

  /**
   * Run a lifecycle action: validate the payload, then in one transaction check scope, status,
   * role and version, apply the change, append the history event and recompute the clock.
   * @throws ValidationError, NotFoundError (also out of scope), ActionForbiddenError (the actor's role or
   * relation to the case), InvalidTransitionError (the case's status or a guard), StaleVersionError
   */
  async run(actor: Actor, id: number, action: string, input: unknown, expectedVersion: number): Promise<CaseView> {
    if (!isActionName(action)) throw fieldError('action', 'any.only', '未知的操作', `Unknown action: ${action}`);
    if (!Number.isInteger(expectedVersion) || expectedVersion < 1) throw fieldError('version', 'any.required', '版本号不能为空', 'version is required');
    const schema = ACTION_PAYLOADS[action] as Joi.ObjectSchema<Payloads[typeof action]>;
    return this.runAction(actor, id, action, validate(schema, input ?? {}), expectedVersion);
  }

  private async runAction<A extends ActionName>(actor: Actor, id: number, action: A, payload: Payloads[A], expectedVersion: number): Promise<CaseView> {
    const updated = await transaction(this.ds, async (em) => {
      const c = await this.loadInScope(em, actor, id);
      // A caller who acted on an old view is told to reload before being told anything else.
      if (c.version !== expectedVersion) throw new StaleVersionError(id, expectedVersion, c.version);
      const facts = await factsOf(em, c);
      const verdict = check(facts, actor, action);
      if (!verdict.ok) {
        const { code, message } = verdict.reason;
        // Who asks (role, relation to the case) is a 403; the case's state is a 409.
        const Refusal = isRoleRefusal(verdict.reason) ? ActionForbiddenError : InvalidTransitionError;
        throw new Refusal(action, code, message, allowedActions(facts, actor));
      }
      const now = this.clock.now();
      const limits = TIMED_ACTIONS.has(action) ? await limitsFor(em, c.channel, c.category, c.handlingOrgPath) : untimed(action);
      const ctx: EffectContext<Payloads[A]> = { em, case: c, actor, payload, now, limits, cipher: this.cipher };
      const effect = await EFFECTS[action](ctx);
      // The lifecycle table is the one place a status change is written.
      const status = nextStatus(c, action);
      // Withdrawing, closing, rejecting, settling …: nobody could acknowledge a pending hand-over any more.
      const cancelled = c.pendingTransferId && status !== c.status && endsHandover(status) ? c.pendingTransferId : null;
      const changes = {
        ...effect.changes,
        ...(cancelled ? { pendingTransferId: null, pendingTransferToPath: null } : {}),
        ...(status !== c.status ? { status } : {}),
        updatedAt: now,
      };
      const result = await em
        .createQueryBuilder()
        .update(MediationCase)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: expectedVersion })
        .execute();
      if (result.affected !== 1) throw new StaleVersionError(id, expectedVersion);
      await effect.after?.();
      if (SEARCHED_TEXT_ACTIONS.has(action)) await refreshCaseTerms(em, id);
      if (cancelled) await em.getRepository(Transfer).update({ id: cancelled, state: 'pending' }, { state: 'cancelled' });
      const { updatedAt: _ignored, ...recorded } = changes;
      // The case as the command left it: what the hooks and the caller see. A command that
      // changed nothing on the row but its version (a session, a document) has it at hand.
      const untouched = !Object.keys(effect.changes).length && !cancelled && status === c.status && !ROW_WRITING_EFFECTS.has(action);
      const after = untouched ? Object.assign(new MediationCase(), c, { updatedAt: now, version: c.version + 1 }) : await em.getRepository(MediationCase).findOneByOrFail({ id });
      await appendEvent(em, {
        caseId: id,
        action,
        actor,
        at: now,
        fromStatus: c.status,
        toStatus: status,
        changes: diff(c as unknown as Record<string, unknown>, recorded),
        payload: effect.record ?? (payload as Record<string, unknown>),
        case: after,
      });
      return after;
    });
    return this.view(updated);
  }

  /**
   * Fail every mediating case of a category whose rule makes overdue count as failed (医疗纠纷预防和
   * 处理条例 第38条) once its mediation limit has passed: the `lapse` action, by the system (history
   * actor 系统), with the reason `LAPSE_REASON`. Idempotent and safe in several processes at once:
   * each case is changed by a compare-and-set on its version, so one process wins and the others
   * skip it. Batched by case id; answers how many cases this call failed.
   */
  async lapseOverdue(opts: { batchSize?: number; now?: Date } = {}): Promise<number> {
    const now = opts.now ?? this.clock.now();
    const batch = opts.batchSize ?? 200;
    const codes = (await this.ds.getRepository(DisputeCategory).find({ where: { overdueFails: true }, select: { code: true } })).map((x) => x.code);
    if (!codes.length) return 0;
    let lapsed = 0;
    let after = 0;
    for (;;) {
      const rows = await this.ds
        .getRepository(MediationCase)
        .createQueryBuilder('c')
        .select(['c.id', 'c.version'])
        .where('c.status IN (:...from) AND c.clockStage = :stage AND c.deadlineAt < :now AND c.category IN (:...codes) AND c.id > :after', {
          from: [...ACTIONS.lapse.from], stage: 'mediation', now, codes, after,
        })
        .orderBy('c.id', 'ASC')
        .limit(batch)
        .getMany();
      for (const r of rows) if (await this.lapseOne(r.id, r.version, now)) lapsed++;
      if (rows.length < batch) break;
      after = rows[rows.length - 1].id;
    }
    return lapsed;
  }

  /** One case's `lapse`, if it still qualifies at `version`; false when another writer got there first. */
  private lapseOne(id: number, version: number, now: Date): Promise<boolean> {
    return transaction(this.ds, async (em) => {
      const c = await em.getRepository(MediationCase).findOneBy({ id });
      if (!c || c.version !== version || !(ACTIONS.lapse.from as readonly string[]).includes(c.status)) return false;
      if (c.clockStage !== 'mediation' || !c.deadlineAt || new Date(c.deadlineAt).getTime() >= now.getTime()) return false;
      const limits = await limitsFor(em, c.channel, c.category, c.handlingOrgPath);
      if (!limits.overdueFails) return false;
      const effect = await EFFECTS.lapse({ em, case: c, actor: SYSTEM_ACTOR, payload: {}, now, limits, cipher: this.cipher });
      const status = nextStatus(c, 'lapse');
      const changes = { ...effect.changes, status, updatedAt: now };
      const result = await em
        .createQueryBuilder()
        .update(MediationCase)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (result.affected !== 1) return false; // another process lapsed (or someone changed) it first
      const { updatedAt: _ignored, ...recorded } = changes;
      await appendEvent(em, {
        caseId: id,
        action: 'lapse',
        actor: null,
        at: now,
        fromStatus: c.status,
        toStatus: status,
        changes: diff(c as unknown as Record<string, unknown>, recorded),
        payload: effect.record ?? {},
      });
      return true;
    });
  }

  /** One case, if the actor may see it. @throws NotFoundError */
  async get(actor: Actor, id: number): Promise<CaseView> {
    return this.view(await this.loadInScope(this.ds.manager, actor, id));
  }

  /**
   * One case with the names a reader sees beside its ids (organizations, mediator, adviser), if
   * the actor may see it: one query, the names joined to the case row.
   * @throws NotFoundError
   */
  async getNamed(actor: Actor, id: number): Promise<CaseView & CaseNames> {
    if (!Number.isInteger(id) || id < 1) throw new NotFoundError('case', id);
    const { branches, params } = scopeConditions('c', actor, 'one');
    const rows = this.rows();
    const { names, joins } = this.nameJoins();
    const [r] = await rows.query(`SELECT ${rows.select}, ${names} FROM ${rows.table} c ${joins} WHERE c.id = :id AND (${branches.join(' OR ')})`, { ...params, id });
    if (!r) throw new NotFoundError('case', id);
    return this.named(r);
  }

  private caseRows?: CaseRows;
  private rows(): CaseRows {
    return (this.caseRows ??= new CaseRows(this.ds));
  }

  private nameSql?: { names: string; joins: string };
  /** The names a reader sees (`n_ho` …) and their `LEFT JOIN`s on the case `c`, written once from the entities' metadata. */
  private nameJoins(): { names: string; joins: string } {
    if (this.nameSql) return this.nameSql;
    const q = (n: string) => this.ds.driver.escape(n);
    const names = NAME_JOINS.map(([alias, entity, , prop]) => `${alias}.${q(this.ds.getMetadata(entity).findColumnWithPropertyName(prop)!.databaseName)} AS ${alias}`);
    const joins = NAME_JOINS.map(([alias, entity, on]) => `LEFT JOIN ${q(this.ds.getMetadata(entity).tableName)} ${alias} ON ${alias}.id = c.${on}`);
    return (this.nameSql = { names: names.join(', '), joins: joins.join(' ') });
  }

  /** What the actor may do with the case now. @throws NotFoundError */
  async allowedActions(actor: Actor, id: number): Promise<ActionName[]> {
    const c = await this.loadInScope(this.ds.manager, actor, id);
    return allowedActions(await factsOf(this.ds.manager, c), actor);
  }

  /**
   * Where the actor may hand this case over now: active organizations, other than the handling
   * one, with an active member who may acknowledge (签收). Empty when the actor may not transfer.
   * @throws NotFoundError
   */
  async transferTargets(actor: Actor, id: number): Promise<Array<Pick<Organization, 'id' | 'name' | 'type' | 'parentId' | 'path'>>> {
    const c = await this.loadInScope(this.ds.manager, actor, id);
    if (!check(await factsOf(this.ds.manager, c), actor, 'transfer').ok) return [];
    const rows = await transferTargetsQuery(this.ds.manager, c.handlingOrgId).take(1000).getMany();
    return rows.map(({ id, name, type, parentId, path }) => ({ id, name, type, parentId, path }));
  }

  /**
   * A page of the cases the actor may see, filtered and sorted, each with the names a reader sees
   * beside its ids (as `getNamed`), with the number of cases the
   * filter matches: exact from the kept counts when the filter is one they answer (a desk role's
   * scope, status, light, mediator, risk, supervision, organization; `counts/case-totals.ts`),
   * otherwise counted up to `CASE_COUNT_CAP` (or just past the page, if that is further):
   * beyond it `total` is a lower bound and `capped` is true. An exact `COUNT(*)` of a county's
   * cases reads every row of the scope on each page (1.2–1.5 s at 100,000 under load); the capped
   * count stops after the cap, and still says whether a next page exists.
   * @throws ValidationError
   */
  async list(actor: Actor, query: CaseQuery = {}): Promise<{ rows: Array<CaseView & CaseNames>; total: number; capped: boolean }> {
    const qb = this.scoped(this.ds.manager, actor);
    const now = this.clock.now();
    const filter = query.filter ?? {};
    const resolved = { ...(await this.resolveFilter(filter, query.scanText)), callerOrgPath: actor.orgPath, scanText: query.scanText };
    applyCaseFilters(qb, 'c', filter, now, this.cipher, resolved);
    const counting = qb.clone();
    applyCaseSort(qb, 'c', query.sort);
    const [from, to] = query.range ?? [0, 24];
    qb.offset(from).limit(Math.min(to - from + 1, 1000));
    // The default screens' filters (scope, status, light, mediator …) are totalled exactly from the kept counts.
    const plan = countedListPlan(actor, filter, resolved);
    if (plan) {
      const [rows, total] = await Promise.all([this.page(qb, query.sort), countedListTotal(this.ds.manager, actor, plan, filter, now, this.cipher, resolved)]);
      return { rows, total, capped: false };
    }
    const cap = Math.max(query.countCap ?? CASE_COUNT_CAP, to + 1);
    const [sql, params] = counting.select('1', 'one').limit(cap + 1).getQueryAndParameters();
    const [rows, [{ n }]] = await Promise.all([this.page(qb, query.sort), this.ds.manager.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM (${sql}) capped_count`, params)]);
    const total = Number(n);
    return { rows, total, capped: total > cap };
  }

  /**
   * A list's page in one statement: the page's ids by the list's own query (scope, filters, order,
   * range: the sort reads index entries and ids, not whole rows), then those rows with their names
   * by primary key, in the same order (a deferred join).
   */
  private async page(qb: SelectQueryBuilder<MediationCase>, sort: CaseQuery['sort']): Promise<Array<CaseView & CaseNames>> {
    const [ids, params] = qb.select('c.id', 'id').getQueryAndParameters();
    const [field, dir] = caseSort(sort);
    const column = this.ds.driver.escape(this.ds.getMetadata(MediationCase).findColumnWithPropertyName(field)!.databaseName);
    const order = field === 'id' ? `c.${column} ${dir}` : `c.${column} ${dir}, c.id ${dir}`;
    const rows = this.rows();
    const { names, joins } = this.nameJoins();
    const raw = await this.ds.query<Array<Record<string, unknown>>>(`SELECT ${rows.select}, ${names} FROM (${ids}) page_ids INNER JOIN ${rows.table} c ON c.id = page_ids.id ${joins} ORDER BY ${order}`, params);
    return raw.map((r) => this.named(r));
  }

  /** A row read with `nameJoins` as the case's view and its names. */
  private named(r: Record<string, unknown>): CaseView & CaseNames {
    const name = (k: string) => (r[k] ?? null) as string | null;
    return Object.assign(this.view(this.rows().hydrate(r)), {
      handlingOrgName: name('n_ho'),
      registeringOrgName: name('n_ro'),
      placeOrgName: name('n_po'),
      sourceOrgName: name('n_so'),
      mediatorName: name('n_me'),
      adviserName: name('n_ad'),
    });
  }

  /** The history of a case, oldest first. @throws NotFoundError */
  async history(actor: Actor, id: number): Promise<CaseEvent[]> {
    await this.loadInScope(this.ds.manager, actor, id);
    return this.ds.getRepository(CaseEvent).find({ where: { caseId: id }, order: { seq: 'ASC' } });
  }

  /** Check the hash chain of a case's history; names the first broken event. */
  verifyHistory(id: number): Promise<ChainVerdict> {
    return verifyHistory(this.ds.manager, id);
  }

  /**
   * The same check, asked by a person: administrators only, and only for cases in their scope.
   * @throws ForbiddenError (not an admin), NotFoundError (also out of scope)
   */
  async verifyHistoryAs(actor: Actor, id: number): Promise<ChainVerdict> {
    if (!actor.roles.includes('admin')) throw new ForbiddenError({ zh: '只有管理员可以核验案件历史', en: 'Only administrators may verify a history' });
    await this.loadInScope(this.ds.manager, actor, id);
    return verifyHistory(this.ds.manager, id);
  }

  /**
   * The parties of a case. With `reveal`, the full ID numbers and phones, for roles that need
   * them (admin, clerk, mediator of the case); each reveal is logged.
   * @throws NotFoundError, ForbiddenError
   */
  async parties(actor: Actor, id: number, opts: { reveal?: boolean } = {}): Promise<Array<Party & { idNumber?: string | null; phone?: string | null }>> {
    const c = await this.loadInScope(this.ds.manager, actor, id);
    if (!opts.reveal) {
      const rows = await this.ds.getRepository(Party).find({ where: { caseId: id }, order: { id: 'ASC' } });
      return rows.map(({ idNumberCipher: _i, phoneCipher: _p, idNumberHash: _h, ...p }) => p as Party);
    }
    if (!(await this.mayReveal(actor, c))) throw new ForbiddenError({ zh: '您的角色不能查看完整身份证号和电话', en: 'Your role may not see full ID numbers and phones' });
    const rows = await this.ds
      .getRepository(Party)
      .createQueryBuilder('p')
      .addSelect(['p.idNumberCipher', 'p.phoneCipher'])
      .where('p.case_id = :id', { id })
      .orderBy('p.id', 'ASC')
      .getMany();
    const now = this.clock.now();
    const log = rows.flatMap((p) =>
      (['idNumber', 'phone'] as const)
        .filter((f) => (f === 'idNumber' ? p.idNumberCipher : p.phoneCipher))
        .map((field) => ({ userId: actor.id, caseId: id, partyId: p.id, field, purpose: 'case_parties', at: now })),
    );
    if (log.length) await this.ds.getRepository(PiiAccess).insert(log);
    return rows.map(({ idNumberCipher, phoneCipher, idNumberHash: _h, ...p }) =>
      Object.assign(p as Party, {
        idNumber: idNumberCipher ? this.cipher.decrypt(idNumberCipher) : null,
        phone: phoneCipher ? this.cipher.decrypt(phoneCipher) : null,
      }),
    );
  }

  private async mayReveal(actor: Actor, c: MediationCase): Promise<boolean> {
    return mayRevealPersonalData(actor, await factsOf(this.ds.manager, c));
  }

  /**
   * 一人一档: every case, from any channel, with a party of this ID card number that the actor may see.
   * @throws ValidationError
   */
  async personCases(actor: Actor, idNumber: string): Promise<CaseView[]> {
    if (!isValidIdNumber(idNumber)) throw fieldError('idNumber', 'idNumber.invalid', '身份证号不是有效的居民身份证号码', 'Not a valid resident ID number');
    const rows = await this.scoped(this.ds.manager, actor)
      .andWhere('c.id IN (SELECT p.case_id FROM parties p WHERE p.id_number_hash = :h)', { h: this.cipher.hashIdNumber(idNumber) })
      .orderBy('c.registered_at', 'DESC')
      .take(500)
      .getMany();
    return rows.map((r) => this.view(r));
  }

  /** Looks up what a filter names by id (an organization's path), so the query gets constants. */
  private async resolveFilter(filter: CaseQuery['filter'], scanText = false): Promise<ResolvedCaseFilter> {
    const resolved: ResolvedCaseFilter = {};
    // Anything not a short string is refused by validation next.
    if (!scanText && typeof filter?.q === 'string' && filter.q.trim() && filter.q.length <= 200) resolved.textPlan = await planTermQuery(this.ds.manager, filter.q.trim());
    const orgId = Number(filter?.organizationId);
    if (!Number.isSafeInteger(orgId) || orgId < 1) return resolved; // absent, or refused by validation next
    const org = await this.ds.getRepository(Organization).findOne({ where: { id: orgId }, select: { id: true, path: true } });
    return { ...resolved, organizationPath: org?.path ?? null };
  }

  /** A query builder over the cases the actor may see (alias `c`), for other modules' reads. */
  scoped(em: EntityManager, actor: Actor): SelectQueryBuilder<MediationCase> {
    return scopeCases(em.getRepository(MediationCase).createQueryBuilder('c'), 'c', actor);
  }

  private async loadInScope(em: EntityManager, actor: Actor, id: number): Promise<MediationCase> {
    if (!Number.isInteger(id) || id < 1) throw new NotFoundError('case', id);
    const c = await scopeCases(em.getRepository(MediationCase).createQueryBuilder('c'), 'c', actor, 'one').andWhere('c.id = :id', { id }).getOne();
    if (!c) throw new NotFoundError('case', id);
    return c;
  }

  view(c: MediationCase): CaseView {
    return Object.assign(c, { light: lightAt(c, this.clock.now()) });
  }
}

/** Who may see a case's full ID numbers and phones (and print them): admins, clerks, the case's mediators. */
export function mayRevealPersonalData(actor: Actor, facts: Pick<CaseFacts, 'mediatorIds'>): boolean {
  if (actor.roles.includes('admin') || actor.roles.includes('clerk')) return true;
  return actor.roles.includes('mediator') && facts.mediatorIds.includes(actor.id);
}

/** Which channels each role may register from (DOMAIN.md, "Who works here"). */
function assertMayRegister(actor: Actor, channel: Channel, ownChannel: Channel | null) {
  const r = new Set(actor.roles);
  const ok =
    r.has('admin') ||
    r.has('clerk') ||
    (r.has('mediator') && !LINKED_CHANNELS.includes(channel)) ||
    (r.has('grid') && channel === 'grid') ||
    (r.has('adviser') && channel === 'walk_in') ||
    // A liaison speaks for one channel body, and so for its channel only.
    (r.has('liaison') && ownChannel !== null && channel === ownChannel);
  if (!ok) throw new ForbiddenError({ zh: '您的角色不能登记该渠道的案件', en: 'Your role may not register cases from this channel' });
}

/** 来源方式 when the registrar does not say: a linked channel refers (第18条), a grid report is the committee's own initiative (第17条). */
function defaultSource(channel: Channel): CaseSource {
  if (LINKED_CHANNELS.includes(channel)) return 'referral';
  return channel === 'grid' ? 'own_initiative' : 'application';
}

/** 调解类型 when the registrar does not say: a court's case is delegated before filing (委派), a department mediates administratively, a sector committee professionally. */
function defaultMediationType(channel: Channel, registrar: Organization): MediationType {
  if (channel === 'court') return 'court_delegated';
  if (registrar.type === 'department') return 'administrative';
  return registrar.type === 'specialized' ? 'sector' : 'people';
}

/** The risk a case is registered at: as given, else from its facts; a risk of turning criminal (第25条) makes it at least high. */
function registeredRisk(d: RegisterInput): MediationCase['risk'] {
  const risk = d.risk ?? initialRisk(d);
  return d.criminalRisk && risk !== 'critical' ? 'high' : risk;
}

/** Facts that raise the risk at registration (group disputes of 5+ people, large amounts). */
function initialRisk(d: RegisterInput): MediationCase['risk'] {
  const people = d.peopleCount ?? d.parties.length;
  if (people >= 30) return 'high';
  if (people >= 5 || (d.amountFen ?? 0) >= 100_000_000) return 'medium';
  return 'low';
}

/** The organization that numbers the case: the nearest one, up the tree, with a prefix. */
async function nearestWithPrefix(em: EntityManager, org: Organization): Promise<Organization> {
  const ids = org.path.split('/').filter(Boolean).map(Number);
  const chain = await em.getRepository(Organization).findBy({ id: In(ids) });
  const byDepth = chain.sort((a, b) => b.depth - a.depth);
  const found = byDepth.find((o) => o.caseNumberPrefix);
  if (!found) throw fieldError('organizationId', 'any.invalid', '该组织及其上级都没有案号前缀，无法登记', 'Neither the organization nor its parents have a case-number prefix');
  return found;
}

// These lived here before effect-context.ts; kept for code that still imports them from here.
export { isUniqueViolation, fieldError, placeOf, limitsFor, factsOf };
