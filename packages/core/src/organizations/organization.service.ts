import Joi from 'joi';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { audit, diff } from '../audit/audit.service';
import { Transfer } from '../cases/transfer.entity';
import { MediationCase } from '../cases/case.entity';
import type { Actor } from '../cases/lifecycle';
import { likeEscape, LIKE_ESCAPE } from '../cases/scope';
import { transaction } from '../db/data-source';
import { Clock } from '../shared/clock';
import { DuplicateError, ForbiddenError, ValidationError } from '../shared/errors';
import { customFilter, eqFilter, getRow, hasRole, idValue, invalidField, listRows, ListQuery, listSpecOf, Page, ReadSpec, searchValue, textSearch, updateVersioned } from '../shared/listing';
import type { Role } from '../shared/vocabulary';
import { validate } from '../shared/validation';
import { CHANNELS, ORGANIZATION_TYPES } from '../shared/vocabulary';
import type { Channel, OrganizationType } from '../shared/vocabulary';
import { Organization } from './organization.entity';

/** A case-number format must carry the serial and the year: numbers are unique per organization and year. */
const caseNumberFormat = () =>
  Joi.string()
    .trim()
    .max(100)
    .pattern(/^(?=.*\{serial\})(?=.*\{year\})/, 'contains {serial} and {year}')
    .allow(null);

export const organizationSchema = Joi.object({
  name: Joi.string().trim().max(100).required(),
  type: Joi.string().valid(...ORGANIZATION_TYPES).required(),
  parentId: Joi.number().integer().min(1).allow(null),
  regionCode: Joi.string().trim().pattern(/^\d{6,12}$/).allow(null),
  caseNumberPrefix: Joi.string().trim().max(20).allow(null),
  caseNumberFormat: caseNumberFormat(),
  serialPadding: Joi.number().integer().min(0).max(8),
  channel: Joi.string().valid(...CHANNELS).allow(null),
  active: Joi.boolean(),
});

/** What an admin may change; a new `parentId` moves the organization with its subtree. */
export const organizationUpdateSchema = Joi.object({
  name: Joi.string().trim().max(100),
  parentId: Joi.number().integer().min(1).allow(null),
  regionCode: Joi.string().trim().pattern(/^\d{6,12}$/).allow(null),
  caseNumberPrefix: Joi.string().trim().max(20).allow(null),
  caseNumberFormat: caseNumberFormat(),
  serialPadding: Joi.number().integer().min(0).max(8),
  channel: Joi.string().valid(...CHANNELS).allow(null),
  active: Joi.boolean(),
});

const READ: ReadSpec<Organization> = {
  name: 'organization',
  entity: Organization,
  sortable: ['id', 'name', 'path', 'type', 'depth'],
  defaultSort: ['path', 'ASC'],
  filters: {
    parentId: eqFilter(Joi.alternatives(idValue, Joi.valid(null))),
    type: eqFilter(Joi.alternatives(Joi.string().max(20), Joi.array().items(Joi.string().max(20)))),
    channel: eqFilter(Joi.string().valid(...CHANNELS)),
    active: eqFilter(Joi.boolean()),
    q: customFilter(textSearch('name'), searchValue),
    subtreeOf: customFilter((qb, a, v: number) => qb.andWhere(`${a}.path LIKE (SELECT CONCAT(sp.path, '%') FROM organizations sp WHERE sp.id = :osub)`, { osub: v }), idValue),
  },
};

const PREFIX_TAKEN = { zh: '案号前缀已被其他组织使用', en: 'Another organization uses this case-number prefix' };
const auditable = (o: Organization) => ({ name: o.name, type: o.type, parentId: o.parentId, path: o.path, regionCode: o.regionCode, caseNumberPrefix: o.caseNumberPrefix, caseNumberFormat: o.caseNumberFormat, serialPadding: o.serialPadding, channel: o.channel, active: o.active });

export interface OrganizationInput {
  name: string;
  type: OrganizationType;
  parentId?: number | null;
  regionCode?: string | null;
  caseNumberPrefix?: string | null;
  caseNumberFormat?: string | null;
  serialPadding?: number;
  channel?: Channel | null;
  active?: boolean;
}

/** The organization tree, kept as materialized paths. */
export class OrganizationService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Roles that manage the tree. */
  readonly writeRoles: readonly Role[] = ['admin'];

  /** Every organization (the tree is public to signed-in users: forms pick from it). */
  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  readonly listSpec = listSpecOf(READ);

  list(actor: Actor, query?: ListQuery): Promise<Page<Organization>> {
    return listRows(this.ds.manager, READ, actor, query);
  }

  /** @throws NotFoundError */
  get(actor: Actor, id: number): Promise<Organization> {
    return getRow(this.ds.manager, READ, actor, id);
  }

  /** Names by id, for lists that show where (one query). */
  async namesOf(ids: Iterable<number>): Promise<Map<number, string>> {
    const list = [...new Set(ids)];
    if (!list.length) return new Map();
    const rows = await this.ds.getRepository(Organization).find({ select: { id: true, name: true }, where: { id: In(list) } });
    return new Map(rows.map((o) => [o.id, o.name]));
  }

  /** How many organizations the database holds, active or not (unscoped: for setup and tools, not for users' screens). */
  count(): Promise<number> {
    return this.ds.getRepository(Organization).count();
  }

  /** The first root organization, if any. */
  root(): Promise<Organization | null> {
    return this.ds.getRepository(Organization).createQueryBuilder('o').where('o.parentId IS NULL').orderBy('o.id', 'ASC').getOne();
  }

  private async inScope(m: EntityManager, actor: Actor, id: number, field: string): Promise<Organization> {
    const org = await m.getRepository(Organization).findOneBy({ id });
    if (!org || !org.path.startsWith(actor.orgPath)) throw invalidField(field, '组织不存在或不在您的范围内', 'No such organization in your scope');
    return org;
  }

  /** Only an admin of a root organization may add (or make) another root. */
  private rootRule(actor: Actor) {
    if (actor.orgPath.split('/').filter(Boolean).length > 1) throw invalidField('parentId', '上级组织不能为空', 'parentId is required');
  }

  /** An admin adds an organization under one in their subtree; audited. @throws ForbiddenError, ValidationError, DuplicateError */
  createAs(actor: Actor, input: unknown): Promise<Organization> {
    if (!hasRole(actor, this.writeRoles)) throw new ForbiddenError();
    const data = validate<OrganizationInput>(organizationSchema, input);
    return transaction(this.ds, async (em) => {
      if (data.parentId) await this.inScope(em, actor, data.parentId, 'parentId');
      else this.rootRule(actor);
      return this.create(data, em, actor);
    });
  }

  /**
   * An admin changes an organization of their subtree on the version they edited. A new
   * `parentId` moves it with its subtree (see `move`). @throws NotFoundError, ForbiddenError,
   * ValidationError, DuplicateError, StaleRecordError
   */
  update(actor: Actor, id: number, changes: unknown, expectedVersion: number): Promise<Organization> {
    const { parentId, ...data } = validate<Partial<OrganizationInput>>(organizationUpdateSchema, changes);
    if (!hasRole(actor, this.writeRoles)) throw new ForbiddenError();
    return transaction(this.ds, async (em) => {
      const current = await this.inScope(em, actor, id, 'id');
      // Case numbers must not collide (a race still meets the unique index).
      if (data.caseNumberPrefix && (await em.getRepository(Organization).existsBy({ caseNumberPrefix: data.caseNumberPrefix, id: Not(id) }))) {
        throw new DuplicateError('caseNumberPrefix', PREFIX_TAKEN);
      }
      const now = this.clock.now();
      let row = await updateVersioned(em, Organization, id, expectedVersion, { ...data, updatedAt: now });
      if (Object.keys(data).length) await audit(em, actor, now, { entity: 'organization', entityId: id, action: 'update', organizationId: id, ...diff(auditable(current), data) });
      if (parentId !== undefined && parentId !== current.parentId) row = await this.moveIn(em, actor, row, parentId, now);
      return row;
    });
  }

  /**
   * Move an organization (with everything below it) under another parent: rewrites the
   * materialized `path` and `depth` of the subtree and the scope paths of cases handled in it or
   * being transferred into it, in one transaction. @throws NotFoundError, ForbiddenError,
   * ValidationError (under itself, out of scope), StaleRecordError
   */
  move(actor: Actor, id: number, parentId: number | null, expectedVersion: number): Promise<Organization> {
    if (!hasRole(actor, this.writeRoles)) throw new ForbiddenError();
    return transaction(this.ds, async (em) => {
      await this.inScope(em, actor, id, 'id');
      const now = this.clock.now();
      const row = await updateVersioned(em, Organization, id, expectedVersion, { updatedAt: now });
      return this.moveIn(em, actor, row, parentId, now);
    });
  }

  private async moveIn(em: EntityManager, actor: Actor, org: Organization, parentId: number | null, now: Date): Promise<Organization> {
    const parent = parentId === null ? null : await this.inScope(em, actor, parentId, 'parentId');
    if (parent === null) this.rootRule(actor);
    if (parent && parent.path.startsWith(org.path)) throw invalidField('parentId', '不能移到自身或其下级组织之下', 'An organization cannot move under itself or its own subtree');
    // An admin cannot move their own organization (or an ancestor) out from under themselves.
    if (actor.orgPath.startsWith(org.path)) throw invalidField('id', '不能移动自己所在的组织', 'You cannot move your own organization');
    const oldPath = org.path;
    const newPath = `${parent?.path ?? '/'}${org.id}/`;
    const delta = (parent ? parent.depth + 1 : 0) - org.depth;
    const under = `${likeEscape(oldPath)}%`;
    const rewrite = (col: string) => `CONCAT(:newPath, SUBSTR(${col}, :cut))`;
    const p = { newPath, cut: oldPath.length + 1, under, delta };
    await em
      .createQueryBuilder()
      .update(Organization)
      .set({ path: () => rewrite('path'), depth: () => 'depth + :delta' })
      .where(`path LIKE :under ${LIKE_ESCAPE}`)
      .setParameters(p)
      .execute();
    await em.getRepository(Organization).update({ id: org.id }, { parentId: parent?.id ?? null, updatedAt: now });
    for (const col of ['handling_org_path', 'pending_transfer_to_path']) {
      await em
        .createQueryBuilder()
        .update(MediationCase)
        .set({ [col === 'handling_org_path' ? 'handlingOrgPath' : 'pendingTransferToPath']: () => rewrite(col) } as never)
        .where(`${col} LIKE :under ${LIKE_ESCAPE}`)
        .setParameters(p)
        .execute();
    }
    // The sender's read-only view of what it handed over follows it too.
    await em.createQueryBuilder().update(Transfer).set({ fromOrgPath: () => rewrite('from_org_path') }).where(`from_org_path LIKE :under ${LIKE_ESCAPE}`).setParameters(p).execute();
    await audit(em, actor, now, { entity: 'organization', entityId: org.id, action: 'move', organizationId: org.id, before: { parentId: org.parentId, path: oldPath }, after: { parentId: parent?.id ?? null, path: newPath } });
    return em.getRepository(Organization).findOneByOrFail({ id: org.id });
  }

  /** @throws ValidationError */
  create(input: unknown, em?: EntityManager, by: Actor | null = null): Promise<Organization> {
    const data = validate<OrganizationInput>(organizationSchema, input);
    const run = async (m: EntityManager) => {
      const parent = data.parentId ? await m.getRepository(Organization).findOneBy({ id: data.parentId }) : null;
      if (data.parentId && !parent) throw new ValidationError([{ field: 'parentId', type: 'any.invalid', message: '上级组织不存在', messages: { zh: '上级组织不存在', en: 'No such parent organization' } }]);
      if (data.caseNumberPrefix && (await m.getRepository(Organization).existsBy({ caseNumberPrefix: data.caseNumberPrefix }))) {
        throw new DuplicateError('caseNumberPrefix', PREFIX_TAKEN);
      }
      const now = this.clock.now();
      const repo = m.getRepository(Organization);
      const org = await repo.save(
        repo.create({ ...data, parentId: parent?.id ?? null, regionCode: data.regionCode ?? null, caseNumberPrefix: data.caseNumberPrefix ?? null, caseNumberFormat: data.caseNumberFormat ?? null, serialPadding: data.serialPadding ?? 0, channel: data.channel ?? null, active: data.active ?? true, path: '/', depth: parent ? parent.depth + 1 : 0, createdAt: now, updatedAt: now }),
      );
      org.path = `${parent?.path ?? '/'}${org.id}/`;
      await repo.update({ id: org.id }, { path: org.path });
      await audit(m, by, now, { entity: 'organization', entityId: org.id, action: 'create', organizationId: org.id, before: null, after: auditable(org) });
      return org;
    };
    return em ? run(em) : transaction(this.ds, run);
  }

  /** The organization and everything below it. */
  subtree(id: number): Promise<Organization[]> {
    return this.ds
      .getRepository(Organization)
      .createQueryBuilder('o')
      .where("o.path LIKE (SELECT CONCAT(p.path, '%') FROM organizations p WHERE p.id = :id)", { id })
      .orderBy('o.path', 'ASC')
      .getMany();
  }
}
