import Joi from 'joi';
import { DataSource, IsNull } from 'typeorm';
import { audit } from '../audit/audit.service';
import type { CaseService } from '../cases/case.service';
import { fieldError } from '../cases/effect-context';
import type { Actor } from '../cases/lifecycle';
import { likeEscape, LIKE_ESCAPE } from '../cases/scope';
import { transaction } from '../db/data-source';
import { WARNING_ACTIONS, WARNING_KINDS, WARNING_STATES, type WarningAction } from '../domain/warnings';
import { Organization } from '../organizations/organization.entity';
import { activeCategory } from '../categories/category.service';
import { pathIds } from '../policies/policy.service';
import { Clock } from '../shared/clock';
import { ForbiddenError, InvalidTransitionError, NotFoundError, StaleVersionError } from '../shared/errors';
import { validate } from '../shared/validation';
import { ClassThreshold, EarlyWarning, WarningCase, WarningEvent } from './warning.entity';

const LEADERS = ['admin', 'leader'];

export const thresholdSchema = Joi.object({
  category: Joi.string().max(32).allow(null).default(null),
  windowDays: Joi.number().integer().min(1).max(366).required(),
  areaCases: Joi.number().integer().min(2).max(10_000).required(),
  respondentCases: Joi.number().integer().min(2).max(10_000).required(),
  active: Joi.boolean().default(true),
});
export const warningActionSchema = Joi.object({
  action: Joi.string().valid(...Object.keys(WARNING_ACTIONS)).required(),
  version: Joi.number().integer().min(1).required(),
  reason: Joi.string().trim().max(500).when('action', { is: 'dismiss', then: Joi.required() }),
  note: Joi.string().trim().max(2000),
});
export const warningFilterSchema = Joi.object({
  state: Joi.string().valid(...WARNING_STATES),
  kind: Joi.string().valid(...WARNING_KINDS),
});

/** A warning with its cases and its history. */
export type WarningDetail = EarlyWarning & { caseIds: number[]; events: WarningEvent[] };

/**
 * Early warnings for leaders (预警) and the class cases (类案) behind them. Warnings are raised
 * by the commands (see `detectWarnings`); leaders take, handle or dismiss them here.
 */
export class WarningService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly caseService: CaseService,
  ) {}

  private mayRead(actor: Actor) {
    if (!actor.roles.some((r) => LEADERS.includes(r))) throw new ForbiddenError({ zh: '只有管理员和领导可以查看预警', en: 'Only admins and leaders read warnings' });
  }

  private scoped(actor: Actor) {
    return this.ds
      .getRepository(EarlyWarning)
      .createQueryBuilder('w')
      .innerJoin(Organization, 'o', 'o.id = w.organization_id')
      .where(`o.path LIKE :p ${LIKE_ESCAPE}`, { p: `${likeEscape(actor.orgPath)}%` });
  }

  /** Warnings for the actor's subtree, newest first. @throws ForbiddenError, ValidationError */
  async list(actor: Actor, filter: { state?: string; kind?: string } = {}, range: [number, number] = [0, 99]): Promise<{ rows: EarlyWarning[]; total: number }> {
    this.mayRead(actor);
    const f = validate<{ state?: string; kind?: string }>(warningFilterSchema, filter, { prefix: 'filter.' });
    const qb = this.scoped(actor).orderBy('w.updated_at', 'DESC').addOrderBy('w.id', 'DESC');
    if (f.state) qb.andWhere('w.state = :state', { state: f.state });
    if (f.kind) qb.andWhere('w.kind = :kind', { kind: f.kind });
    const [rows, total] = await qb.skip(range[0]).take(Math.min(range[1] - range[0] + 1, 500)).getManyAndCount();
    return { rows, total };
  }

  /** One warning, its cases and its history. @throws ForbiddenError, NotFoundError */
  async get(actor: Actor, id: number): Promise<WarningDetail> {
    this.mayRead(actor);
    const w = await this.scoped(actor).andWhere('w.id = :id', { id }).getOne();
    if (!w) throw new NotFoundError('warning', id);
    const [cases, events] = await Promise.all([
      this.ds.getRepository(WarningCase).find({ where: { warningId: id }, order: { caseId: 'ASC' } }),
      this.ds.getRepository(WarningEvent).find({ where: { warningId: id }, order: { id: 'ASC' } }),
    ]);
    return { ...w, caseIds: cases.map((c) => c.caseId), events };
  }

  /**
   * Take a warning (become its owner), mark it handled, or dismiss it with a reason; each is in
   * its history. @throws ForbiddenError, NotFoundError, ValidationError, InvalidTransitionError, StaleVersionError
   */
  async act(actor: Actor, id: number, input: unknown): Promise<WarningDetail> {
    const body = validate<{ action: WarningAction; version: number; reason?: string; note?: string }>(warningActionSchema, input);
    await this.get(actor, id);
    await transaction(this.ds, async (em) => {
      const w = await em.getRepository(EarlyWarning).findOneByOrFail({ id });
      if (w.version !== body.version) throw new StaleVersionError(id, body.version, w.version);
      const rule = WARNING_ACTIONS[body.action];
      if (!(rule.from as readonly string[]).includes(w.state)) {
        throw new InvalidTransitionError(body.action, 'WARNING.NOT_OPEN', { zh: '预警已处理或已排除', en: 'The warning is no longer open' }, []);
      }
      const now = this.clock.now();
      // Handled or dismissed, the class lets go of its key: a new class of it raises a new warning.
      const set: Partial<EarlyWarning> = { state: rule.to, updatedAt: now, ...(rule.to !== 'open' ? { openKey: null } : {}), ...(body.action === 'take' || !w.ownerId ? { ownerId: actor.id } : {}), ...(body.action === 'dismiss' ? { reason: body.reason! } : {}) };
      const { affected } = await em.createQueryBuilder().update(EarlyWarning).set({ ...set, version: () => 'version + 1' }).where('id = :id AND version = :v', { id, v: body.version }).execute();
      if (affected !== 1) throw new StaleVersionError(id, body.version);
      await em.getRepository(WarningEvent).insert({ warningId: id, action: body.action, actorId: actor.id, actorName: actor.name, at: now, note: body.reason ?? body.note ?? null });
    });
    return this.get(actor, id);
  }

  /**
   * Handle a class together: assign every accepted case of it to one mediator (one command per
   * case, each in its own transaction and history). @returns the cases assigned and those left (not accepted, or refused)
   */
  async assignClass(actor: Actor, id: number, mediatorId: number): Promise<{ assigned: number[]; skipped: number[] }> {
    const w = await this.get(actor, id);
    const assigned: number[] = [];
    const skipped: number[] = [];
    for (const caseId of w.caseIds) {
      try {
        const c = await this.caseService.get(actor, caseId);
        if (c.status !== 'accepted') {
          skipped.push(caseId);
          continue;
        }
        await this.caseService.run(actor, caseId, 'assign', { mediatorId }, c.version);
        assigned.push(caseId);
      } catch {
        skipped.push(caseId);
      }
    }
    await transaction(this.ds, (em) => em.getRepository(WarningEvent).insert({ warningId: id, action: 'assign', actorId: actor.id, actorName: actor.name, at: this.clock.now(), note: `分派 ${assigned.length} 件给调解员 #${mediatorId}` }));
    return { assigned, skipped };
  }

  /**
   * Supervise a class together (督办): the same instructions and deadline on every case of it that
   * is not already supervised (one command per case). @returns the cases supervised and those left
   */
  async superviseClass(actor: Actor, id: number, input: { instructions: string; deadlineDays: number }): Promise<{ supervised: number[]; skipped: number[] }> {
    const w = await this.get(actor, id);
    const supervised: number[] = [];
    const skipped: number[] = [];
    for (const caseId of w.caseIds) {
      try {
        const c = await this.caseService.get(actor, caseId);
        if (c.supervised) throw new Error('already supervised');
        await this.caseService.run(actor, caseId, 'openSupervision', { instructions: `【类案督办】${input.instructions}`, deadlineDays: input.deadlineDays }, c.version);
        supervised.push(caseId);
      } catch {
        skipped.push(caseId);
      }
    }
    await transaction(this.ds, (em) => em.getRepository(WarningEvent).insert({ warningId: id, action: 'supervise', actorId: actor.id, actorName: actor.name, at: this.clock.now(), note: `督办 ${supervised.length} 件：${input.instructions}`.slice(0, 2000) }));
    return { supervised, skipped };
  }

  /** The class thresholds, per category (null: the default). */
  thresholds(actor: Actor): Promise<ClassThreshold[]> {
    this.mayRead(actor);
    return this.ds.getRepository(ClassThreshold).find({ order: { id: 'ASC' } });
  }

  /**
   * Set a category's threshold (null: the default), in the audit trail. Thresholds hold for the
   * whole county, so only admins and leaders of the county center (the root organization) set them.
   * @throws ForbiddenError, ValidationError (an unknown or inactive category)
   */
  async setThreshold(actor: Actor, input: unknown): Promise<ClassThreshold> {
    this.mayRead(actor);
    if (pathIds(actor.orgPath).length > 1) throw new ForbiddenError({ zh: '类案阈值适用于全县（区），只能由县（区）中心的管理员或领导修改', en: 'Class thresholds apply to the whole county; only admins and leaders of the county center change them' });
    const t = validate<Omit<ClassThreshold, 'id' | 'version'>>(thresholdSchema, input);
    if (t.areaCases < 2) throw fieldError('areaCases', 'number.min', '类案至少2件', 'A class has at least 2 cases');
    return transaction(this.ds, async (em) => {
      if (t.category !== null) await activeCategory(em, t.category);
      const repo = em.getRepository(ClassThreshold);
      const before = await repo.findOneBy({ category: t.category === null ? IsNull() : t.category });
      const saved = before ? await repo.save({ ...before, ...t, version: before.version + 1 }) : await repo.save(repo.create({ ...t, version: 1 }));
      await audit(em, actor, this.clock.now(), { entity: 'class-threshold', entityId: saved.id, action: before ? 'update' : 'create', organizationId: null, before: before ? { ...before } : null, after: { ...saved } });
      return saved;
    });
  }
}
