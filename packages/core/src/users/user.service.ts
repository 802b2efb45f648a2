import { hash, verify } from '@node-rs/argon2';
import Joi from 'joi';
import { DataSource, In } from 'typeorm';
import { AdviserAssignment } from '../advisers/adviser-assignment.entity';
import { audit, diff } from '../audit/audit.service';
import type { Actor } from '../cases/lifecycle';
import { transaction } from '../db/data-source';
import { ForbiddenError } from '../shared/errors';
import { getRow, hasRole, inOrgSubtree, invalidField, listRows, ListQuery, Page, ReadSpec, textSearch, updateVersioned } from '../shared/listing';
import { Organization } from '../organizations/organization.entity';
import { chinaDate } from '../shared/china-time';
import { Clock } from '../shared/clock';
import { DuplicateError, NotFoundError, ValidationError } from '../shared/errors';
import { validate } from '../shared/validation';
import { ROLES } from '../shared/vocabulary';
import type { Role } from '../shared/vocabulary';
import { User } from './user.entity';

export const userCreateSchema = Joi.object({
  username: Joi.string().trim().pattern(/^[a-zA-Z0-9_.-]{2,64}$/).required(),
  displayName: Joi.string().trim().max(64).required(),
  password: Joi.string().min(8).max(200).required(),
  roles: Joi.array().items(Joi.string().valid(...ROLES)).min(1).unique().required(),
  organizationId: Joi.number().integer().min(1).required(),
  phone: Joi.string().trim().max(32).allow(null, ''),
  active: Joi.boolean(),
});

/** What an admin may change on an account; `password` resets it. */
export const userUpdateSchema = Joi.object({
  displayName: Joi.string().trim().max(64),
  roles: Joi.array().items(Joi.string().valid(...ROLES)).min(1).unique(),
  organizationId: Joi.number().integer().min(1),
  phone: Joi.string().trim().max(32).allow(null, ''),
  active: Joi.boolean(),
  password: Joi.string().min(8).max(200),
});

/** Fields whose change alters who may do what: a session issued before such a change is suspect. */
export const ACCESS_FIELDS = ['roles', 'organizationId', 'active', 'password'] as const;

const READ: ReadSpec<User> = {
  name: 'user',
  entity: User,
  readRoles: ['admin', 'clerk', 'leader', 'mediator', 'adviser'],
  scope: inOrgSubtree('organizationId'),
  sortable: ['id', 'username', 'displayName', 'organizationId'],
  defaultSort: ['id', 'ASC'],
  filters: {
    organizationId: 'eq',
    active: 'eq',
    role: (qb, a, v: string) => qb.andWhere(`${a}.roles LIKE :urole`, { urole: `%"${v.replace(/[^a-z_]/g, '')}"%` }),
    q: textSearch('username', 'displayName'),
  },
};

/** The account fields recorded in the audit trail (never the hash). */
const auditable = (u: User) => ({ username: u.username, displayName: u.displayName, roles: u.roles, organizationId: u.organizationId, phone: u.phone, active: u.active });

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  organizationId: number;
  phone?: string | null;
  active?: boolean;
}

/** argon2id with the library's defaults (m=19 MiB, t=2): OWASP's recommended floor. */
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

/** Accounts: creation with a hashed password, sign-in, and the actor a user acts as. */
export class UserService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Open an account (the system's own path: bootstrap, demo, tests; admins go through `createAs`,
   * which checks their scope). Audited, with `by` as the actor when given.
   * @throws ValidationError, DuplicateError
   */
  async create(input: unknown, by: Actor | null = null): Promise<User> {
    const data = validate<UserInput>(userCreateSchema, input);
    const { password, ...rest } = data;
    const passwordHash = await hashPassword(password);
    return transaction(this.ds, async (em) => {
      const org = await em.getRepository(Organization).findOneBy({ id: data.organizationId });
      if (!org) throw new ValidationError([{ field: 'organizationId', type: 'any.invalid', message: '组织不存在', messages: { zh: '组织不存在', en: 'No such organization' } }]);
      if (await em.getRepository(User).existsBy({ username: data.username })) throw new DuplicateError('username', { zh: '用户名已存在', en: 'The user name is taken' });
      const now = this.clock.now();
      const repo = em.getRepository(User);
      const saved = await repo.save(repo.create({ ...rest, phone: rest.phone || null, active: rest.active ?? true, passwordHash, createdAt: now, updatedAt: now }));
      delete (saved as Partial<User>).passwordHash;
      await audit(em, by, now, { entity: 'user', entityId: saved.id, action: 'create', organizationId: saved.organizationId, before: null, after: auditable(saved) });
      return saved;
    });
  }

  /** Roles that manage accounts. */
  readonly writeRoles: readonly Role[] = ['admin'];

  /** Accounts in the actor's subtree. @throws ForbiddenError */
  list(actor: Actor, query?: ListQuery): Promise<Page<User>> {
    return listRows(this.ds.manager, READ, actor, query);
  }

  /** @throws NotFoundError */
  get(actor: Actor, id: number): Promise<User> {
    return getRow(this.ds.manager, READ, actor, id);
  }

  /** An admin opens an account in their subtree; audited. @throws ForbiddenError, ValidationError, DuplicateError */
  async createAs(actor: Actor, input: unknown): Promise<User> {
    if (!hasRole(actor, this.writeRoles)) throw new ForbiddenError();
    const data = validate<UserInput>(userCreateSchema, input);
    await this.orgInScope(actor, data.organizationId);
    const user = await this.create(data, actor);
    return user;
  }

  private async orgInScope(actor: Actor, id: number) {
    const org = await this.ds.getRepository(Organization).findOneBy({ id });
    if (!org || !org.path.startsWith(actor.orgPath)) throw invalidField('organizationId', '组织不存在或不在您的范围内', 'No such organization in your scope');
  }

  /**
   * An admin changes an account (name, roles, organization, phone, active, password reset), on
   * the version they edited. Returns the user and the fields that changed; the audit row records
   * them too (a password as `changed`, never its hash), so token revocation can follow it.
   * @throws NotFoundError, ForbiddenError, ValidationError, StaleRecordError
   */
  async update(actor: Actor, id: number, changes: unknown, expectedVersion: number): Promise<{ user: User; changed: string[] }> {
    const { password, ...data } = validate<Partial<UserInput>>(userUpdateSchema, changes);
    if (data.organizationId) await this.orgInScope(actor, data.organizationId);
    if ('phone' in data) data.phone = data.phone || null;
    // Hash outside the transaction: argon2 takes a while and the transaction holds locks.
    const passwordHash = password ? await hashPassword(password) : undefined;
    return transaction(this.ds, async (em) => {
      const current = await getRow(em, READ, actor, id);
      if (!hasRole(actor, this.writeRoles)) throw new ForbiddenError();
      const now = this.clock.now();
      const user = await updateVersioned(em, User, id, expectedVersion, { ...data, ...(passwordHash ? { passwordHash } : {}), updatedAt: now });
      const change = diff(auditable(current), { ...data, ...(password ? { password: '' } : {}) }, ['password']);
      await audit(em, actor, now, { entity: 'user', entityId: id, action: 'update', organizationId: user.organizationId, ...change });
      return { user, changed: Object.keys(change.after) };
    });
  }

  /** The signed-in user's own account and organization name. @throws NotFoundError */
  async me(actor: Actor): Promise<{ user: User; organizationName: string | null }> {
    const user = await this.ds.getRepository(User).findOneBy({ id: actor.id });
    if (!user) throw new NotFoundError('user', actor.id);
    const org = await this.ds.getRepository(Organization).findOneBy({ id: user.organizationId });
    return { user, organizationName: org?.name ?? null };
  }

  /** Display names by id, for lists that show who (one query). */
  async namesOf(ids: Iterable<number>): Promise<Map<number, string>> {
    const list = [...new Set(ids)];
    if (!list.length) return new Map();
    const rows = await this.ds.getRepository(User).find({ select: { id: true, displayName: true }, where: { id: In(list) } });
    return new Map(rows.map((u) => [u.id, u.displayName]));
  }

  /** The active user with this name and password, or null (same answer for either mistake). */
  /**
   * The id of the active account named exactly `username` (bytes compared on every engine), or
   * null: what sign-in throttles key on, so variants of a name never share or dodge a limit.
   */
  async accountId(username: string): Promise<number | null> {
    const user = await this.ds.getRepository(User).findOne({ where: { username, active: true }, select: { id: true } });
    return user?.id ?? null;
  }

  async authenticate(username: string, password: string): Promise<User | null> {
    const user = await this.ds.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.username = :username', { username }).getOne();
    if (!user || !user.active) {
      await hashPassword(password); // spend the same time whether or not the user exists
      return null;
    }
    if (!(await verify(user.passwordHash, password))) return null;
    delete (user as Partial<User>).passwordHash;
    return user;
  }

  async setPassword(userId: number, password: string): Promise<void> {
    validate(Joi.string().min(8).max(200).required().label('password'), password);
    const passwordHash = await hashPassword(password);
    await transaction(this.ds, async (em) => {
      const user = await em.getRepository(User).findOneBy({ id: userId });
      if (!user) throw new NotFoundError('user', userId);
      const now = this.clock.now();
      await em.getRepository(User).update({ id: userId }, { passwordHash, updatedAt: now });
      await audit(em, null, now, { entity: 'user', entityId: userId, action: 'update', organizationId: user.organizationId, before: { password: null }, after: { password: 'changed' } });
    });
  }

  /** Whether an account with this user name exists. */
  exists(username: string): Promise<boolean> {
    return this.ds.getRepository(User).existsBy({ username });
  }

  count(): Promise<number> {
    return this.ds.getRepository(User).count();
  }

  /** The actor a user acts as: roles, organization path, and the villages a lawyer serves today. @throws NotFoundError */
  async actorFor(userId: number): Promise<Actor> {
    const user = await this.ds.getRepository(User).findOneBy({ id: userId, active: true });
    if (!user) throw new NotFoundError('user', userId);
    const org = await this.ds.getRepository(Organization).findOneByOrFail({ id: user.organizationId });
    let villageIds: number[] | undefined;
    if (user.roles.includes('adviser')) {
      const today = chinaDate(this.clock.now());
      const terms = await this.ds
        .getRepository(AdviserAssignment)
        .createQueryBuilder('a')
        .where('a.adviser_id = :id AND a.starts_on <= :today AND a.ends_on >= :today', { id: user.id, today })
        .getMany();
      // The villages and the grids inside them: a grid worker's report is placed at the grid.
      const villages = terms.length ? await this.ds.getRepository(Organization).findBy({ id: In(terms.map((t) => t.villageId)) }) : [];
      const places = villages.length
        ? await this.ds
            .getRepository(Organization)
            .createQueryBuilder('o')
            .select('o.id', 'id')
            .where(villages.map((_, i) => `o.path LIKE :p${i}`).join(' OR '), Object.fromEntries(villages.map((v, i) => [`p${i}`, `${v.path}%`])))
            .getRawMany<{ id: number }>()
        : [];
      villageIds = places.map((p) => Number(p.id));
    }
    return { id: user.id, name: user.displayName, roles: user.roles, organizationId: org.id, orgPath: org.path, villageIds };
  }
}
