import Joi from 'joi';
import { DataSource, EntityManager, In } from 'typeorm';
import { audit, diff } from '../audit/audit.service';
import type { Actor } from '../cases/lifecycle';
import { transaction } from '../db/data-source';
import { Organization } from '../organizations/organization.entity';
import { Clock } from '../shared/clock';
import { ForbiddenError, ValidationError } from '../shared/errors';
import { customFilter, eqFilter, getRow, hasRole, idValue, invalidField, listRows, ListQuery, listSpecOf, Page, ReadSpec, searchValue, textSearch, updateVersioned } from '../shared/listing';
import { maskPhone, PersonalDataCipher } from '../shared/personal-data';
import { validate } from '../shared/validation';
import { POOL_MEDIATOR_KINDS } from '../shared/vocabulary';
import type { Role } from '../shared/vocabulary';
import { PoolMediator } from './pool-mediator.entity';

/** Editable fields of a pool mediator; `phone` is stored encrypted and shown masked. */
export const poolMediatorSchema = Joi.object({
  name: Joi.string().trim().min(1).max(100),
  kind: Joi.string().valid(...POOL_MEDIATOR_KINDS),
  specialty: Joi.string().trim().max(200).allow(null, ''),
  areaOrgId: Joi.number().integer().min(1).allow(null),
  phone: Joi.string().trim().pattern(/^[0-9+\-() ]{5,20}$/).allow(null),
  active: Joi.boolean(),
});
export const poolMediatorCreateSchema = poolMediatorSchema.fork(['name', 'kind'], (s) => s.required());

const READ: ReadSpec<PoolMediator> = {
  name: 'pool-mediator',
  entity: PoolMediator,
  sortable: ['id', 'name', 'kind'],
  defaultSort: ['id', 'ASC'],
  filters: {
    kind: eqFilter(Joi.string().valid(...POOL_MEDIATOR_KINDS)),
    areaOrgId: eqFilter(idValue, '服务地区'),
    active: eqFilter(Joi.boolean()),
    q: customFilter(textSearch('name', 'specialty'), searchValue),
  },
};

type Input = { name?: string; kind?: string; specialty?: string | null; areaOrgId?: number | null; phone?: string | null; active?: boolean };

/**
 * The mediator pool (人民调解员库): everyone signed in reads it (to add a pool mediator to a
 * session or an agreement); admins and clerks maintain it, each change audited.
 */
export class PoolMediatorService {
  /** Roles that may add and change pool mediators. */
  readonly writeRoles: readonly Role[] = ['admin', 'clerk'];

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  readonly listSpec = listSpecOf(READ);

  list(actor: Actor, query?: ListQuery): Promise<Page<PoolMediator>> {
    return listRows(this.ds.manager, READ, actor, query);
  }

  /** @throws NotFoundError */
  get(actor: Actor, id: number): Promise<PoolMediator> {
    return getRow(this.ds.manager, READ, actor, id);
  }

  /** @throws ForbiddenError, ValidationError */
  create(actor: Actor, input: unknown): Promise<PoolMediator> {
    if (!hasRole(actor, this.writeRoles)) throw new ForbiddenError();
    const data = validate<Input>(poolMediatorCreateSchema, input);
    return transaction(this.ds, async (em) => {
      const values = await this.values(em, data);
      const { identifiers } = await em.getRepository(PoolMediator).insert({ specialty: null, areaOrgId: null, phoneCipher: null, phoneMasked: null, active: true, version: 1, ...values, createdAt: this.clock.now() } as PoolMediator);
      const row = await em.getRepository(PoolMediator).findOneByOrFail({ id: identifiers[0].id });
      await audit(em, actor, this.clock.now(), { entity: READ.name, entityId: row.id, action: 'create', organizationId: row.areaOrgId, before: null, after: { ...row } });
      return row;
    });
  }

  /** @throws NotFoundError, ForbiddenError, ValidationError, StaleRecordError */
  update(actor: Actor, id: number, changes: unknown, expectedVersion: number): Promise<PoolMediator> {
    const data = validate<Input>(poolMediatorSchema, changes);
    return transaction(this.ds, async (em) => {
      const current = await getRow(em, READ, actor, id);
      if (!hasRole(actor, this.writeRoles)) throw new ForbiddenError();
      const values = await this.values(em, data);
      const row = await updateVersioned(em, PoolMediator, id, expectedVersion, values);
      const { phoneCipher: _c, ...shown } = values;
      await audit(em, actor, this.clock.now(), { entity: READ.name, entityId: id, action: 'update', organizationId: row.areaOrgId, ...diff({ ...current }, shown) });
      return row;
    });
  }

  private async values(em: EntityManager, data: Input): Promise<Partial<PoolMediator>> {
    const { phone, ...rest } = data;
    if (rest.areaOrgId && !(await em.getRepository(Organization).existsBy({ id: rest.areaOrgId }))) throw invalidField('areaOrgId', '服务地区不存在', 'No such organization');
    const values: Partial<PoolMediator> = { ...(rest as Partial<PoolMediator>) };
    if ('specialty' in rest) values.specialty = rest.specialty || null;
    if (phone !== undefined) {
      values.phoneCipher = phone ? this.cipher.encrypt(phone) : null;
      values.phoneMasked = phone ? maskPhone(phone) : null;
    }
    return values;
  }
}

/**
 * The active pool mediators with these ids, in the order given. @throws ValidationError on `field`
 */
export async function activePoolMediators(em: EntityManager, ids: number[], field: string): Promise<PoolMediator[]> {
  if (!ids.length) return [];
  const rows = await em.getRepository(PoolMediator).findBy({ id: In(ids), active: true });
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) {
    const zh = `调解员库中没有在册的调解员：${missing.join('、')}`;
    throw new ValidationError([{ field, type: 'any.invalid', message: zh, messages: { zh, en: `No active pool mediator with id ${missing.join(', ')}` } }]);
  }
  return ids.map((id) => rows.find((r) => r.id === id)!);
}
