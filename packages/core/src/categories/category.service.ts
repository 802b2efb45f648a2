import Joi from 'joi';
import { categoryCode } from '../cases/payloads';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../cases/lifecycle';
import { CenterBook } from '../policies/center-book';
import { Clock } from '../shared/clock';
import { DuplicateError, ValidationError } from '../shared/errors';
import { eqFilter, ListQuery, Page } from '../shared/listing';
import { validate } from '../shared/validation';
import { DAY_KINDS, STATS_CATEGORIES } from '../shared/vocabulary';
import { DisputeCategory } from './dispute-category.entity';

/** Editable fields of a dispute category; the code is fixed once created (cases keep it). */
export const categorySchema = Joi.object({
  name: Joi.string().trim().min(1).max(50),
  statsCategory: Joi.string().valid(...STATS_CATEGORIES),
  active: Joi.boolean(),
  sortOrder: Joi.number().integer().min(0).max(100000),
  mediateDays: Joi.number().integer().min(1).max(365).allow(null),
  dayKind: Joi.string().valid(...DAY_KINDS),
  overdueFails: Joi.boolean(),
});
export const categoryCreateSchema = categorySchema
  .keys({ code: Joi.string().pattern(/^[a-z][a-z0-9_]{1,31}$/).required() })
  .fork(['name', 'statsCategory'], (s) => s.required());

/**
 * The deployment's dispute categories: everyone signed in reads them (forms and filters need
 * them), admins add, rename, remap and deactivate them, each change with its audit row. A
 * category is never deleted (cases keep its code): deactivate it.
 */
export class CategoryService {
  private readonly book: CenterBook<DisputeCategory>;

  constructor(
    private readonly ds: DataSource,
    clock: Clock,
  ) {
    this.book = new CenterBook(ds, clock, {
      read: {
        name: 'dispute-category',
        entity: DisputeCategory,
        sortable: ['id', 'code', 'name', 'sortOrder', 'statsCategory'],
        defaultSort: ['sortOrder', 'ASC'],
        filters: { code: eqFilter(categoryCode()), active: eqFilter(Joi.boolean()), statsCategory: eqFilter(Joi.string().max(32), '统计类别') },
      },
      create: categoryCreateSchema,
      update: categorySchema,
      defaults: { active: true, sortOrder: 0, mediateDays: null, dayKind: 'calendar', overdueFails: false, version: 1 },
    });
  }

  /** Roles that may change the list. */
  get writeRoles() {
    return this.book.writeRoles;
  }

  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  get listSpec() {
    return this.book.listSpec;
  }

  list(actor: Actor, query?: ListQuery): Promise<Page<DisputeCategory>> {
    return this.book.list(actor, query);
  }

  /** @throws NotFoundError */
  get(actor: Actor, id: number): Promise<DisputeCategory> {
    return this.book.get(actor, id);
  }

  /** @throws ForbiddenError, ValidationError, DuplicateError (`code`) */
  async create(actor: Actor, input: unknown): Promise<DisputeCategory> {
    const { code } = validate<{ code: string }>(categoryCreateSchema, input);
    if (await activeOrNot(this.ds.manager, code)) throw new DuplicateError('code', { zh: '该纠纷类型代码已存在', en: 'This category code exists already' });
    return this.book.create(actor, input);
  }

  /** @throws NotFoundError, ForbiddenError, ValidationError, StaleRecordError */
  update(actor: Actor, id: number, changes: unknown, expectedVersion: number): Promise<DisputeCategory> {
    return this.book.update(actor, id, changes, expectedVersion);
  }
}

/** The category with exactly this code (byte for byte on every engine), active or not. */
async function activeOrNot(em: EntityManager, code: string): Promise<DisputeCategory | null> {
  const row = await em.getRepository(DisputeCategory).findOneBy({ code });
  return row && row.code === code ? row : null;
}

/**
 * The active category a case may be filed under. @throws ValidationError on `category`
 */
export async function activeCategory(em: EntityManager, code: string): Promise<DisputeCategory> {
  const row = await activeOrNot(em, code);
  if (!row || !row.active) {
    const zh = '纠纷类型不存在或已停用';
    throw new ValidationError([{ field: 'category', type: 'any.only', message: zh, messages: { zh, en: `No active dispute category with code "${code}"` } }]);
  }
  return row;
}

/** The category of a case, active or not (a case keeps its category after it is deactivated). */
export const categoryOf = activeOrNot;
