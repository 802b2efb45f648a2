import { hash, verify } from '@node-rs/argon2';
import Joi from 'joi';
import { DataSource, In } from 'typeorm';
import { AdviserAssignment } from '../advisers/adviser-assignment.entity';
import type { Actor } from '../cases/lifecycle';
import { Organization } from '../organizations/organization.entity';
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

  /** @throws ValidationError, DuplicateError */
  async create(input: unknown): Promise<User> {
    const data = validate<UserInput>(userCreateSchema, input);
    const org = await this.ds.getRepository(Organization).findOneBy({ id: data.organizationId });
    if (!org) throw new ValidationError([{ field: 'organizationId', type: 'any.invalid', message: '组织不存在', messages: { zh: '组织不存在', en: 'No such organization' } }]);
    if (await this.ds.getRepository(User).existsBy({ username: data.username })) throw new DuplicateError('username', { zh: '用户名已存在', en: 'The user name is taken' });
    const now = this.clock.now();
    const { password, ...rest } = data;
    const user = this.ds.getRepository(User).create({ ...rest, phone: rest.phone || null, active: rest.active ?? true, passwordHash: await hashPassword(password), createdAt: now, updatedAt: now });
    const saved = await this.ds.getRepository(User).save(user);
    delete (saved as Partial<User>).passwordHash;
    return saved;
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
    await this.ds.getRepository(User).update({ id: userId }, { passwordHash: await hashPassword(password), updatedAt: this.clock.now() });
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
      const today = new Date(this.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
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
