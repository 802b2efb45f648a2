import Joi from 'joi';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { audit, diff } from '../audit/audit.service';
import type { Actor } from '../cases/lifecycle';
import { transaction } from '../db/data-source';
import { Clock } from '../shared/clock';
import { ForbiddenError } from '../shared/errors';
import { getRow, hasRole, invalidField, listRows, ListQuery, Page, ReadSpec, updateVersioned } from '../shared/listing';
import { validate } from '../shared/validation';
import { categoryCode } from '../cases/payloads';
import { CHANNELS, COMPLEXITY_LEVELS } from '../shared/vocabulary';
import type { Role } from '../shared/vocabulary';
import { SlaPolicy } from './sla-policy.entity';
import { SubsidyPolicy } from './subsidy-policy.entity';
import { boundedDate } from '../shared/dates';

/** Calendar dates within core's accepted range (shared/dates.ts). */
const isoDate = boundedDate;

/** Editable fields of an SLA policy (time limits in days). */
export const slaPolicySchema = Joi.object({
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
  name: Joi.string().trim().max(100),
  complexity: Joi.string().valid(...COMPLEXITY_LEVELS),
  result: Joi.string().valid('settled', 'failed'),
  amountFen: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER),
  validFrom: isoDate(),
  validTo: isoDate().allow(null),
});
export const subsidyPolicyCreateSchema = subsidyPolicySchema.fork(['name', 'complexity', 'result', 'amountFen', 'validFrom'], (s) => s.required());

type Versioned = ObjectLiteral & { id: number; version: number };

interface BookSpec<E extends Versioned> {
  read: ReadSpec<E>;
  create: Joi.ObjectSchema;
  update: Joi.ObjectSchema;
  defaults: Partial<Record<keyof E, unknown>>;
  /** Checks across fields of the record as it would be after the write. */
  check?(next: E): void;
}

/**
 * One table of center-wide policies: reads for the roles that need them, writes for admins,
 * each write in one transaction with its audit row.
 */
export class PolicyBook<E extends Versioned> {
  /** Roles that may create, change and delete. */
  readonly writeRoles: readonly Role[] = ['admin'];

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly spec: BookSpec<E>,
  ) {}

  list(actor: Actor, query?: ListQuery): Promise<Page<E>> {
    return listRows(this.ds.manager, this.spec.read, actor, query);
  }

  /** @throws NotFoundError */
  get(actor: Actor, id: number): Promise<E> {
    return getRow(this.ds.manager, this.spec.read, actor, id);
  }

  private mayWrite(actor: Actor) {
    if (!hasRole(actor, this.writeRoles)) throw new ForbiddenError();
  }

  /** @throws ForbiddenError, ValidationError */
  create(actor: Actor, input: unknown): Promise<E> {
    this.mayWrite(actor);
    const data = validate<Record<string, unknown>>(this.spec.create, input);
    return transaction(this.ds, async (em) => {
      const repo = em.getRepository(this.spec.read.entity);
      const values = { ...this.spec.defaults, ...data } as unknown as E;
      this.spec.check?.(values);
      const { identifiers } = await repo.insert(values as never);
      const row = await repo.findOneByOrFail({ id: identifiers[0].id } as never);
      await audit(em, actor, this.clock.now(), { entity: this.spec.read.name, entityId: row.id, action: 'create', organizationId: null, before: null, after: { ...row } });
      return row;
    });
  }

  /** Change some fields of the version the caller edited. @throws NotFoundError, ForbiddenError, ValidationError, StaleRecordError */
  update(actor: Actor, id: number, changes: unknown, expectedVersion: number): Promise<E> {
    const data = validate<Record<string, unknown>>(this.spec.update, changes);
    return transaction(this.ds, async (em: EntityManager) => {
      const current = await getRow(em, this.spec.read, actor, id);
      this.mayWrite(actor);
      this.spec.check?.({ ...current, ...data });
      const row = await updateVersioned(em, this.spec.read.entity, id, expectedVersion, data);
      await audit(em, actor, this.clock.now(), { entity: this.spec.read.name, entityId: id, action: 'update', organizationId: null, ...diff({ ...current }, data) });
      return row;
    });
  }

  /** @throws NotFoundError, ForbiddenError */
  remove(actor: Actor, id: number): Promise<E> {
    return transaction(this.ds, async (em) => {
      const current = await getRow(em, this.spec.read, actor, id);
      this.mayWrite(actor);
      await em.getRepository(this.spec.read.entity).delete({ id } as never);
      await audit(em, actor, this.clock.now(), { entity: this.spec.read.name, entityId: id, action: 'delete', organizationId: null, before: { ...current }, after: null });
      return current;
    });
  }
}

/** SLA (时限) and subsidy (以案定补) policies. */
export class PolicyService {
  readonly sla: PolicyBook<SlaPolicy>;
  readonly subsidy: PolicyBook<SubsidyPolicy>;

  constructor(ds: DataSource, clock: Clock) {
    this.sla = new PolicyBook(ds, clock, {
      read: {
        name: 'sla-policy',
        entity: SlaPolicy,
        sortable: ['id', 'name', 'channel', 'category'],
        defaultSort: ['id', 'ASC'],
        filters: { channel: 'eq', category: 'eq', active: 'eq' },
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
        sortable: ['id', 'name', 'complexity', 'validFrom', 'amountFen'],
        defaultSort: ['id', 'ASC'],
        filters: { complexity: 'eq', result: 'eq' },
      },
      create: subsidyPolicyCreateSchema,
      update: subsidyPolicySchema,
      defaults: { validTo: null },
      check: (p) => {
        if (p.validTo && p.validTo < p.validFrom) throw invalidField('validTo', '失效日期不能早于生效日期', 'validTo is before validFrom');
      },
    });
  }
}
