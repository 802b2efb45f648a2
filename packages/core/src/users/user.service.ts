import { hash, verify } from '@node-rs/argon2';
import Joi from 'joi';
import { Brackets, DataSource, In, LessThan } from 'typeorm';
import { AdviserAssignment } from '../advisers/adviser-assignment.entity';
import { audit, diff } from '../audit/audit.service';
import type { Actor } from '../cases/lifecycle';
import { transaction } from '../db/data-source';
import { isUniqueViolation } from '../cases/case.service';
import { likeEscape, LIKE_ESCAPE } from '../cases/scope';
import { ForbiddenError, SessionRevokedError } from '../shared/errors';
import { customFilter, eqFilter, getRow, hasRole, idsValue, invalidField, listRows, ListQuery, listSpecOf, Page, ReadSpec, ScopeRule, searchValue, textSearch, updateVersioned } from '../shared/listing';
import { Organization } from '../organizations/organization.entity';
import { chinaDate } from '../shared/china-time';
import { Clock } from '../shared/clock';
import { DuplicateError, NotFoundError, ValidationError } from '../shared/errors';
import { validate } from '../shared/validation';
import { ROLES } from '../shared/vocabulary';
import type { Role } from '../shared/vocabulary';
import { RevokedToken } from './revoked-token.entity';
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

/** Roles that see their subtree's whole directory, phones included. */
const DESK: readonly Role[] = ['admin', 'clerk', 'leader'];

/** The ids on an organization path (`/1/4/17/` → 1, 4, 17): the organization and those above it. */
const idsOnPath = (path: string) => path.split('/').filter(Boolean).map(Number);

/**
 * Who sees whom in the staff directory (issue 8, defect 8):
 * - admins, clerks and leaders: the accounts of their organization's subtree;
 * - mediators: their own organization's accounts, and the mediators, clerks and legal advisers above
 *   and below it (those a case is taken from or handed to, and the advisers they may invite);
 * - legal advisers (outside lawyers): the mediators and clerks they work with, i.e. of the
 *   villages they serve and of the cases they joined (its mediators, its handling organization's
 *   desk), and themselves;
 * - grid workers and liaisons: nobody (`readRoles`).
 */
export const directoryScope: ScopeRule = (qb, alias, actor) => {
  qb.innerJoin(Organization, 'so', `so.id = ${alias}.organizationId`);
  const params = {
    dirPath: `${likeEscape(actor.orgPath)}%`,
    dirSelf: actor.id,
    dirOrg: actor.organizationId,
    dirAbove: [0, ...idsOnPath(actor.orgPath)],
    dirVillages: [0, ...(actor.villageIds ?? [])],
    dirMediator: '%"mediator"%',
    dirClerk: '%"clerk"%',
    dirAdviser: '%"adviser"%',
  };
  if (hasRole(actor, DESK)) {
    qb.andWhere(`so.path LIKE :dirPath ${LIKE_ESCAPE}`, params);
    return;
  }
  const handsOver = `(${alias}.roles LIKE :dirMediator OR ${alias}.roles LIKE :dirClerk)`;
  const worksWith = `(${alias}.roles LIKE :dirMediator OR ${alias}.roles LIKE :dirClerk OR ${alias}.roles LIKE :dirAdviser)`;
  const joined = `(SELECT jp.case_id FROM case_participants jp WHERE jp.user_id = :dirSelf AND jp.role = 'adviser' UNION SELECT jc.id FROM cases jc WHERE jc.adviser_id = :dirSelf)`;
  qb.andWhere(
    new Brackets((w) => {
      w.where(`${alias}.id = :dirSelf`);
      if (hasRole(actor, ['mediator'])) {
        w.orWhere(`${alias}.organizationId = :dirOrg`).orWhere(`(${worksWith} AND (so.path LIKE :dirPath ${LIKE_ESCAPE} OR so.id IN (:...dirAbove)))`);
      }
      if (hasRole(actor, ['adviser'])) {
        w.orWhere(
          `(${handsOver} AND (${alias}.organizationId IN (:...dirVillages)` +
            ` OR ${alias}.id IN (SELECT mp.user_id FROM case_participants mp WHERE mp.role = 'mediator' AND mp.case_id IN ${joined})` +
            ` OR ${alias}.id IN (SELECT mc.mediator_id FROM cases mc WHERE mc.mediator_id IS NOT NULL AND mc.id IN ${joined})` +
            ` OR ${alias}.organizationId IN (SELECT hc.handling_org_id FROM cases hc WHERE hc.id IN ${joined})))`,
        );
      }
    }),
    params,
  );
};

/**
 * Whether the actor may read this account's phone: the desk roles for their subtree, mediators
 * for their own organization's colleagues, everyone for themselves; advisers never for others.
 */
export const phoneVisible = (actor: Actor, u: Pick<User, 'id' | 'organizationId'>) =>
  u.id === actor.id || hasRole(actor, DESK) || (hasRole(actor, ['mediator']) && u.organizationId === actor.organizationId);

const READ: ReadSpec<User> = {
  name: 'user',
  entity: User,
  readRoles: ['admin', 'clerk', 'leader', 'mediator', 'adviser'],
  scope: directoryScope,
  sortable: ['id', 'username', 'displayName', 'organizationId'],
  defaultSort: ['id', 'ASC'],
  filters: {
    organizationId: eqFilter(idsValue),
    active: eqFilter(Joi.boolean()),
    role: customFilter((qb, a, v: string) => qb.andWhere(`${a}.roles LIKE :urole`, { urole: `%"${v.replace(/[^a-z_]/g, '')}"%` }), Joi.string().valid(...ROLES), '角色'),
    q: customFilter(textSearch('username', 'displayName'), searchValue),
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

/** What a sign-in token carries about its session. */
export interface Session {
  /** The user's `tokenVersion` when the token was signed. */
  tokenVersion: number;
  /** The token's id (`jti`), checked against signed-out tokens. */
  tokenId?: string;
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

  /**
   * The accounts the actor's role lets them see (`directoryScope`), with phone numbers only where
   * `phoneVisible` allows (null otherwise). @throws ForbiddenError (grid workers, liaisons)
   */
  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  readonly listSpec = listSpecOf(READ);

  async list(actor: Actor, query?: ListQuery): Promise<Page<User>> {
    const page = await listRows(this.ds.manager, READ, actor, query);
    return { ...page, rows: page.rows.map((u) => this.masked(actor, u)) };
  }

  /** One account of the actor's directory, phone as in `list`. @throws NotFoundError */
  async get(actor: Actor, id: number): Promise<User> {
    return this.masked(actor, await getRow(this.ds.manager, READ, actor, id));
  }

  private masked(actor: Actor, u: User): User {
    if (!phoneVisible(actor, u)) u.phone = null;
    return u;
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
      const change = diff(auditable(current), { ...data, ...(password ? { password: '' } : {}) }, ['password']);
      const changed = Object.keys(change.after);
      // A change of access ends every session signed before it (the tokens carry the old number).
      const revoke = changed.some((k) => (ACCESS_FIELDS as readonly string[]).includes(k));
      const user = await updateVersioned(em, User, id, expectedVersion, {
        ...data,
        ...(passwordHash ? { passwordHash } : {}),
        ...(revoke ? { tokenVersion: () => 'token_version + 1' } : {}),
        updatedAt: now,
      });
      await audit(em, actor, now, { entity: 'user', entityId: id, action: 'update', organizationId: user.organizationId, ...change });
      return { user: this.masked(actor, user), changed };
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

  /** Set a user's password (the system's own path: command line, bootstrap); revokes earlier tokens. @throws ValidationError, NotFoundError */
  async setPassword(userId: number, password: string): Promise<void> {
    validate(Joi.string().min(8).max(200).required().label('password'), password);
    const passwordHash = await hashPassword(password);
    await transaction(this.ds, async (em) => {
      const user = await em.getRepository(User).findOneBy({ id: userId });
      if (!user) throw new NotFoundError('user', userId);
      const now = this.clock.now();
      // A new password ends the sessions signed with the old one.
      await em.getRepository(User).update({ id: userId }, { passwordHash, tokenVersion: () => 'token_version + 1', updatedAt: now });
      await audit(em, null, now, { entity: 'user', entityId: userId, action: 'update', organizationId: user.organizationId, before: { password: null }, after: { password: 'changed' } });
    });
  }

  /**
   * Sign one session out: its token id is refused until the token would have expired anyway (then
   * the row is pruned). Other sessions of the user stay open. @throws ValidationError
   */
  async revokeSession(userId: number, tokenId: string, expiresAt: Date): Promise<void> {
    validate(Joi.string().min(8).max(64).required().label('jti'), tokenId);
    const now = this.clock.now();
    await transaction(this.ds, async (em) => {
      const repo = em.getRepository(RevokedToken);
      await repo.delete({ expiresAt: LessThan(now) });
      try {
        await repo.insert({ jti: tokenId, userId, expiresAt });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e; // signed out twice: already refused
      }
    });
  }

  /** Whether an account with this user name exists. */
  exists(username: string): Promise<boolean> {
    return this.ds.getRepository(User).existsBy({ username });
  }

  /** How many accounts the database holds, active or not (unscoped: for setup and tools). */
  count(): Promise<number> {
    return this.ds.getRepository(User).count();
  }

  /**
   * The actor a user acts as: roles, organization path, and the villages a lawyer serves today.
   * With `session` (what a sign-in token carries), also checks that the token was signed after
   * the user's last change of access and was not signed out.
   * @throws NotFoundError (no such active user), SessionRevokedError
   */
  async actorFor(userId: number, session?: Session): Promise<Actor> {
    // One round trip on every request: the user, its organization's path and whether this token
    // was signed out. No cache: the token-version check must see the database's current value,
    // whichever process changed it.
    if (!Number.isSafeInteger(userId)) throw new NotFoundError('user', userId);
    const [row] = await this.ds.query<Array<{ id: number | string; display_name: string; roles: string; token_version: number | string; organization_id: number | string; org_path: string; revoked: number | string }>>(
      `SELECT u.id, u.display_name, u.roles, u.token_version, u.organization_id, o.path AS org_path,
              (SELECT COUNT(*) FROM revoked_tokens r WHERE r.jti = ?) AS revoked
         FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = ? AND u.active = 1`,
      [session?.tokenId ?? '', userId],
    );
    if (!row) throw new NotFoundError('user', userId);
    if (session) {
      if (session.tokenVersion < Number(row.token_version)) throw new SessionRevokedError('changed');
      if (session.tokenId && Number(row.revoked) > 0) throw new SessionRevokedError('signedOut');
    }
    const user = { id: Number(row.id), displayName: row.display_name, roles: JSON.parse(row.roles) as Role[] };
    const org = { id: Number(row.organization_id), path: row.org_path };
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
