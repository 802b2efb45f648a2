import Joi from 'joi';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { audit, diff } from '../audit/audit.service';
import type { Actor } from '../cases/lifecycle';
import { likeEscape, LIKE_ESCAPE } from '../cases/scope';
import { transaction } from '../db/data-source';
import { Organization } from '../organizations/organization.entity';
import { Clock } from '../shared/clock';
import { ForbiddenError } from '../shared/errors';
import { eqFilter, getRow, hasRole, idsValue, invalidField, listRows, ListQuery, ListSpec, listSpecOf, Page, ReadSpec, ScopeRule, updateVersioned } from '../shared/listing';
import { validate } from '../shared/validation';
import { categoryCode } from '../cases/payloads';
import { CHANNELS, COMPLEXITY_LEVELS, RISK_LEVELS } from '../shared/vocabulary';
import type { Role } from '../shared/vocabulary';
import { SlaPolicy } from './sla-policy.entity';
import { SubsidyPolicy } from './subsidy-policy.entity';
import { SubsidyGrading } from './subsidy-grading.entity';
import { DEFAULT_GRADING } from '../domain/subsidy';
import { boundedDate } from '../shared/dates';

/** Calendar dates within core's accepted range (shared/dates.ts). */
const isoDate = boundedDate;

/** The organization a policy belongs to (its subtree is what it governs); the author's own when absent at creation. */
const policyOrg = () => Joi.number().integer().min(1);

/** Editable fields of an SLA policy (time limits in days). */
export const slaPolicySchema = Joi.object({
  organizationId: policyOrg(),
  name: Joi.string().trim().max(100),
  channel: Joi.string().valid(...CHANNELS).allow(null),
  category: categoryCode().allow(null),
  acceptDays: Joi.number().integer().min(1).max(365),
  mediateDays: Joi.number().integer().min(1).max(365),
  extensionDays: Joi.number().integer().min(0).max(365),
  followUpDays: Joi.number().integer().min(1).max(365),
  confirmationDays: Joi.number().integer().min(1).max(365),
  yellowPercent: Joi.number().integer().min(1).max(99),
  active: Joi.boolean(),
});
export const slaPolicyCreateSchema = slaPolicySchema.fork(['name', 'acceptDays', 'mediateDays', 'extensionDays', 'followUpDays'], (s) => s.required());

/** Editable fields of a subsidy (以案定补) policy; amounts in fen. */
export const subsidyPolicySchema = Joi.object({
  organizationId: policyOrg(),
  name: Joi.string().trim().max(100),
  complexity: Joi.string().valid(...COMPLEXITY_LEVELS),
  result: Joi.string().valid('settled', 'failed'),
  amountFen: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER),
  validFrom: isoDate(),
  validTo: isoDate().allow(null),
});
export const subsidyPolicyCreateSchema = subsidyPolicySchema.fork(['name', 'complexity', 'result', 'amountFen', 'validFrom'], (s) => s.required());

const people = () => Joi.number().integer().min(1).max(100_000).allow(null);
const fenAmount = () => Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).allow(null);
const riskFrom = () => Joi.string().valid(...RISK_LEVELS).allow(null);

/** Editable fields of a subsidy grading policy (以案定补 grade thresholds; null turns a condition off). */
export const subsidyGradingSchema = Joi.object({
  organizationId: policyOrg(),
  name: Joi.string().trim().max(100),
  majorPeople: people(),
  majorAmountFen: fenAmount(),
  majorRisk: riskFrom(),
  difficultPeople: people(),
  difficultAmountFen: fenAmount(),
  difficultRisk: riskFrom(),
  difficultCrossArea: Joi.boolean(),
  ordinaryPeople: people(),
  ordinaryAmountFen: fenAmount(),
  ordinaryRisk: riskFrom(),
  validFrom: isoDate(),
  validTo: isoDate().allow(null),
});
export const subsidyGradingCreateSchema = subsidyGradingSchema.fork(['name', 'validFrom'], (s) => s.required());

type Versioned = ObjectLiteral & { id: number; version: number; organizationId: number };

/** The ids on an organization path (`/1/4/17/` → 1, 4, 17): the organization and those above it. */
export const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

/**
 * A policy is seen by the people it governs (its organization is theirs or above) and by those
 * above who made or oversee it (its organization is in their subtree).
 */
export const policyScope: ScopeRule = (qb, alias, actor) => {
  qb.innerJoin(Organization, 'po', `po.id = ${alias}.organizationId`).andWhere(`(po.path LIKE :policyPath ${LIKE_ESCAPE} OR po.id IN (:...policyAbove))`, {
    policyPath: `${likeEscape(actor.orgPath)}%`,
    policyAbove: [0, ...pathIds(actor.orgPath)],
  });
};

const NOT_YOURS = {
  zh: '该政策由上级组织制定，您只能查看',
  en: 'This policy belongs to an organization above yours; you may only read it',
};

interface BookSpec<E extends Versioned> {
  read: ReadSpec<E>;
  create: Joi.ObjectSchema;
  update: Joi.ObjectSchema;
  defaults: Partial<Record<keyof E, unknown>>;
  /** Checks across fields of the record as it would be after the write. */
  check?(next: E): void;
}

/**
 * One table of policies, each belonging to an organization and governing its subtree: reads for
 * the roles that need them (the organization's subtree and the organizations above), writes for
 * admins of that organization or above, each write in one transaction with its audit row.
 */
/** What every book of records shares: its readers' list and get, and the roles that may write it. */
export abstract class Book<E extends ObjectLiteral & { id: number }, S extends { read: ReadSpec<E> }> {
  /** Roles that may create, change and delete. */
  readonly writeRoles: readonly Role[] = ['admin'];

  constructor(
    protected readonly ds: DataSource,
    protected readonly clock: Clock,
    protected readonly spec: S,
  ) {}

  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  get listSpec(): ListSpec {
    return listSpecOf(this.spec.read);
  }

  list(actor: Actor, query?: ListQuery): Promise<Page<E>> {
    return listRows(this.ds.manager, this.spec.read, actor, query);
  }

  /** @throws NotFoundError */
  get(actor: Actor, id: number): Promise<E> {
    return getRow(this.ds.manager, this.spec.read, actor, id);
  }
}

export class PolicyBook<E extends Versioned> extends Book<E, BookSpec<E>> {
  private mayWrite(actor: Actor) {
    if (!hasRole(actor, this.writeRoles)) throw new ForbiddenError();
  }

  /** An admin of a township must not change what governs the county: the policy's organization must be in the actor's subtree. */
  private async mayChange(em: EntityManager, actor: Actor, organizationId: number) {
    const org = await em.getRepository(Organization).findOneBy({ id: organizationId });
    if (!org || !org.path.startsWith(actor.orgPath)) throw new ForbiddenError(NOT_YOURS);
  }

  /** The organization a policy is moved or created at must exist and lie in the actor's subtree. */
  private async targetOrg(em: EntityManager, actor: Actor, organizationId: number) {
    const org = await em.getRepository(Organization).findOneBy({ id: organizationId });
    if (!org || !org.path.startsWith(actor.orgPath)) throw invalidField('organizationId', '组织不存在或不在您的范围内', 'No such organization in your scope');
  }

  /** A policy of the actor's organization unless another in their subtree is named. @throws ForbiddenError, ValidationError */
  create(actor: Actor, input: unknown): Promise<E> {
    this.mayWrite(actor);
    const data = validate<Record<string, unknown>>(this.spec.create, input);
    return transaction(this.ds, async (em) => {
      const repo = em.getRepository(this.spec.read.entity);
      const values = { ...this.spec.defaults, organizationId: actor.organizationId, ...data } as unknown as E;
      await this.targetOrg(em, actor, values.organizationId);
      this.spec.check?.(values);
      const { identifiers } = await repo.insert(values as never);
      const row = await repo.findOneByOrFail({ id: identifiers[0].id } as never);
      await audit(em, actor, this.clock.now(), { entity: this.spec.read.name, entityId: row.id, action: 'create', organizationId: row.organizationId, before: null, after: { ...row } });
      return row;
    });
  }

  /** Change some fields of the version the caller edited. @throws NotFoundError, ForbiddenError, ValidationError, StaleRecordError */
  update(actor: Actor, id: number, changes: unknown, expectedVersion: number): Promise<E> {
    const data = validate<Record<string, unknown>>(this.spec.update, changes);
    return transaction(this.ds, async (em: EntityManager) => {
      const current = await getRow(em, this.spec.read, actor, id);
      this.mayWrite(actor);
      await this.mayChange(em, actor, current.organizationId);
      if (data.organizationId !== undefined) await this.targetOrg(em, actor, data.organizationId as number);
      this.spec.check?.({ ...current, ...data });
      const row = await updateVersioned(em, this.spec.read.entity, id, expectedVersion, data);
      await audit(em, actor, this.clock.now(), { entity: this.spec.read.name, entityId: id, action: 'update', organizationId: row.organizationId, ...diff({ ...current }, data) });
      return row;
    });
  }

  /** @throws NotFoundError, ForbiddenError */
  remove(actor: Actor, id: number): Promise<E> {
    return transaction(this.ds, async (em) => {
      const current = await getRow(em, this.spec.read, actor, id);
      this.mayWrite(actor);
      await this.mayChange(em, actor, current.organizationId);
      await em.getRepository(this.spec.read.entity).delete({ id } as never);
      await audit(em, actor, this.clock.now(), { entity: this.spec.read.name, entityId: id, action: 'delete', organizationId: current.organizationId, before: { ...current }, after: null });
      return current;
    });
  }
}

/** SLA (时限) and subsidy (以案定补) policies. */
export class PolicyService {
  readonly sla: PolicyBook<SlaPolicy>;
  readonly subsidy: PolicyBook<SubsidyPolicy>;
  /** 以案定补 grading thresholds (the current values are the defaults of a new one). */
  readonly subsidyGrading: PolicyBook<SubsidyGrading>;

  constructor(ds: DataSource, clock: Clock) {
    this.sla = new PolicyBook(ds, clock, {
      read: {
        name: 'sla-policy',
        entity: SlaPolicy,
        scope: policyScope,
        sortable: ['id', 'name', 'channel', 'category', 'organizationId'],
        defaultSort: ['id', 'ASC'],
        filters: { channel: eqFilter(Joi.string().valid(...CHANNELS)), category: eqFilter(categoryCode()), active: eqFilter(Joi.boolean()), organizationId: eqFilter(idsValue) },
      },
      create: slaPolicyCreateSchema,
      update: slaPolicySchema,
      defaults: { channel: null, category: null },
    });
    this.subsidy = new PolicyBook(ds, clock, {
      read: {
        name: 'subsidy-policy',
        entity: SubsidyPolicy,
        readRoles: ['admin', 'leader', 'clerk', 'mediator'],
        scope: policyScope,
        sortable: ['id', 'name', 'complexity', 'validFrom', 'amountFen', 'organizationId'],
        defaultSort: ['id', 'ASC'],
        filters: { complexity: eqFilter(Joi.string().valid(...COMPLEXITY_LEVELS)), result: eqFilter(Joi.string().valid('settled', 'failed')), organizationId: eqFilter(idsValue) },
      },
      create: subsidyPolicyCreateSchema,
      update: subsidyPolicySchema,
      defaults: { validTo: null },
      check: (p) => {
        if (p.validTo && p.validTo < p.validFrom) throw invalidField('validTo', '失效日期不能早于生效日期', 'validTo is before validFrom');
      },
    });
    this.subsidyGrading = new PolicyBook(ds, clock, {
      read: {
        name: 'subsidy-grading',
        entity: SubsidyGrading,
        readRoles: ['admin', 'leader', 'clerk', 'mediator'],
        scope: policyScope,
        sortable: ['id', 'name', 'validFrom', 'organizationId'],
        defaultSort: ['id', 'ASC'],
        filters: { organizationId: eqFilter(idsValue) },
      },
      create: subsidyGradingCreateSchema,
      update: subsidyGradingSchema,
      defaults: { ...DEFAULT_GRADING, validTo: null },
      check: (p) => {
        if (p.validTo && p.validTo < p.validFrom) throw invalidField('validTo', '失效日期不能早于生效日期', 'validTo is before validFrom');
        // A more complex grade asks for more: a threshold above the one of a simpler grade.
        for (const [k, hi, lo] of [['majorPeople', p.majorPeople, p.difficultPeople], ['difficultPeople', p.difficultPeople, p.ordinaryPeople], ['majorAmountFen', p.majorAmountFen, p.difficultAmountFen], ['difficultAmountFen', p.difficultAmountFen, p.ordinaryAmountFen]] as const) {
          if (hi != null && lo != null && hi <= lo) throw invalidField(k, '较高等级的标准应高于较低等级', 'A higher grade needs a higher threshold than the grade below it');
        }
      },
    });
  }
}
