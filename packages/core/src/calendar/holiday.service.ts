import Joi from 'joi';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../cases/lifecycle';
import type { WorkCalendar } from '../clock/calendar';
import { CenterBook } from '../policies/center-book';
import { Clock } from '../shared/clock';
import { DuplicateError } from '../shared/errors';
import { eqFilter, ListQuery, Page } from '../shared/listing';
import { calendarDate, validate } from '../shared/validation';
import { HOLIDAY_KINDS } from '../shared/vocabulary';
import type { HolidayKind } from '../shared/vocabulary';
import { Holiday } from './holiday.entity';

export const holidaySchema = Joi.object({
  kind: Joi.string().valid(...HOLIDAY_KINDS),
  name: Joi.string().trim().min(1).max(50),
});
export const holidayCreateSchema = holidaySchema.keys({ day: calendarDate().required() }).fork(['kind', 'name'], (s) => s.required());

/**
 * The working-day calendar: everyone reads it, admins enter each year's holidays and make-up
 * working days (the State Council publishes them late in the year before), each change audited.
 * Limits counted in working days read it when a clock starts.
 */
export class HolidayService {
  private readonly book: CenterBook<Holiday>;

  constructor(
    private readonly ds: DataSource,
    clock: Clock,
  ) {
    this.book = new CenterBook(ds, clock, {
      read: { name: 'holiday', entity: Holiday, sortable: ['id', 'day'], defaultSort: ['day', 'ASC'], filters: { kind: eqFilter(Joi.string().valid(...HOLIDAY_KINDS)), day: eqFilter(Joi.string().pattern(/^\d{4}-\d{2}-\d{2}$/), '日期') } },
      create: holidayCreateSchema,
      update: holidaySchema,
      defaults: { version: 1 },
    });
  }

  get writeRoles() {
    return this.book.writeRoles;
  }

  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  get listSpec() {
    return this.book.listSpec;
  }

  list(actor: Actor, query?: ListQuery): Promise<Page<Holiday>> {
    return this.book.list(actor, query);
  }

  /** @throws NotFoundError */
  get(actor: Actor, id: number): Promise<Holiday> {
    return this.book.get(actor, id);
  }

  /** @throws ForbiddenError, ValidationError, DuplicateError (`day`) */
  async create(actor: Actor, input: unknown): Promise<Holiday> {
    const { day } = validate<{ day: string }>(holidayCreateSchema, input);
    if (await this.ds.getRepository(Holiday).existsBy({ day })) throw new DuplicateError('day', { zh: '该日期已在日历中', en: 'This day is in the calendar already' });
    return this.book.create(actor, input);
  }

  /** @throws NotFoundError, ForbiddenError, ValidationError, StaleRecordError */
  update(actor: Actor, id: number, changes: unknown, expectedVersion: number): Promise<Holiday> {
    return this.book.update(actor, id, changes, expectedVersion);
  }

  /** @throws NotFoundError, ForbiddenError */
  remove(actor: Actor, id: number): Promise<Holiday> {
    return this.book.remove(actor, id);
  }
}

/** The whole calendar of exceptions (a few dozen rows a year). */
export async function workCalendar(em: EntityManager): Promise<WorkCalendar> {
  const rows = await em.getRepository(Holiday).find({ select: { day: true, kind: true } });
  return new Map(rows.map((r) => [r.day, r.kind as HolidayKind]));
}
