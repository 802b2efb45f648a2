import Joi from 'joi';
import { EntityManager, ObjectLiteral } from 'typeorm';
import { audit, diff } from '../audit/audit.service';
import type { Actor } from '../cases/lifecycle';
import { transaction } from '../db/data-source';
import { ForbiddenError } from '../shared/errors';
import { getRow, hasRole, ReadSpec, updateVersioned } from '../shared/listing';
import { validate } from '../shared/validation';
import { Book, pathIds } from './policy.service';

type Versioned = ObjectLiteral & { id: number; version: number };

/** What a center-wide table is: how it is read, what a write may carry, the defaults of a new row. */
export interface CenterBookSpec<E extends Versioned> {
  read: ReadSpec<E>;
  create: Joi.ObjectSchema;
  update: Joi.ObjectSchema;
  defaults: Partial<Record<keyof E, unknown>>;
  /** Checks across fields of the record as it would be after the write. */
  check?(next: E): void;
}

const CENTER_ONLY = {
  zh: '该数据适用于全县（区），只能由县（区）中心的管理员修改',
  en: 'This table applies to the whole county; only an admin of the county center may change it',
};

/**
 * One table that holds for the whole deployment (dispute categories, the working-day calendar),
 * unlike a `PolicyBook`, whose rows belong to organizations: everyone it is shown to reads it,
 * admins of the root organization write it (a township admin must not change what governs the
 * county), each write in one transaction with its audit row.
 */
export class CenterBook<E extends Versioned> extends Book<E, CenterBookSpec<E>> {
  private mayWrite(actor: Actor) {
    if (!hasRole(actor, this.writeRoles)) throw new ForbiddenError();
    if (pathIds(actor.orgPath).length > 1) throw new ForbiddenError(CENTER_ONLY);
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
