/**
 * The center's reference data: organizations, users, policies, channel API keys, legal-adviser
 * assignments and consultations. Writes are for admins (consultations: the adviser's own).
 */
import type Router from '@koa/router';
import {
  AdviserAssignment, ApiKey, CATEGORIES, CHANNELS, COMPLEXITY_LEVELS, Consultation, likeEscape, maskPhone, Organization, organizationSchema,
  ROLES, SlaPolicy, SubsidyPolicy, User, userCreateSchema, hashPassword, apiKeySchema, ValidationError, DuplicateError, type Actor,
} from '@tiaojie/core';
import { boundedDate, boundedInstant } from '@tiaojie/core';
import Joi from 'joi';
import { Not, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { Deps } from '../context';
import type { ApiDoc } from '../openapi';
import { hasRole, mountResource, positiveId } from '../resources';
import { presentUser } from './auth';

const ids = Joi.alternatives(positiveId, Joi.array().items(positiveId).max(1000));
const date = boundedDate; // calendar dates within core's accepted range
const search = Joi.string().trim().max(100).allow('');
const like = (q: string) => `%${likeEscape(q)}%`;
const invalid = (field: string, zh: string, en: string) => new ValidationError([{ field, type: 'any.invalid', message: zh, messages: { zh, en } }]);

/** Rows whose organization (column `orgColumn`) lies in the actor's subtree. */
const inOrgSubtree =
  (orgColumn: string) =>
  <E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, alias: string, actor: Actor) => {
    qb.innerJoin(Organization, 'so', `so.id = ${alias}.${orgColumn}`).andWhere("so.path LIKE :scopePath ESCAPE '!'", { scopePath: `${likeEscape(actor.orgPath)}%` });
  };

async function orgInScope(deps: Deps, actor: Actor, id: number, field = 'organizationId') {
  const org = await deps.tj.dataSource.getRepository(Organization).findOneBy({ id });
  if (!org || !org.path.startsWith(actor.orgPath)) throw invalid(field, '组织不存在或不在您的范围内', 'No such organization in your scope');
  return org;
}

const NO_DELETE_ORG = { zh: '组织不能删除，请停用（active = false）', en: 'Organizations are not deleted; set active to false' };
const NO_DELETE_USER = { zh: '用户不能删除，请停用（active = false）', en: 'Users are not deleted; set active to false' };

export function mountAdmin(router: Router, doc: ApiDoc, deps: Deps) {
  const ds = () => deps.tj.dataSource;
  const now = () => deps.tj.clock.now();
  const insertOne = async <E extends ObjectLiteral & { id: number }>(entity: { new (): E }, values: Record<string, unknown>): Promise<E> => {
    const repo = ds().getRepository(entity);
    const { identifiers } = await repo.insert(values as never);
    return repo.findOneByOrFail({ id: identifiers[0].id } as never);
  };
  const deleteOne = <E extends ObjectLiteral & { id: number }>(entity: { new (): E }) => ({
    roles: ['admin'] as const,
    run: async (_d: Deps, _a: Actor, current: E) => void (await ds().getRepository(entity).delete({ id: current.id } as never)),
  });

  mountResource(router, doc, deps, {
    name: 'organizations',
    tag: 'organizations',
    title: '组织 / organizations',
    entity: Organization,
    list: {
      sortable: ['id', 'name', 'path', 'type', 'depth'],
      defaultSort: ['path', 'ASC'],
      filter: { parentId: Joi.alternatives(positiveId, Joi.valid(null)), type: Joi.alternatives(Joi.string().max(20), Joi.array().items(Joi.string().max(20))), channel: Joi.string().valid(...CHANNELS), active: Joi.boolean(), q: search, subtreeOf: positiveId },
    },
    customFilters: {
      q: (qb, a, v: string) => v && qb.andWhere(`${a}.name LIKE :oq ESCAPE '!'`, { oq: like(v) }),
      subtreeOf: (qb, a, v: number) => qb.andWhere(`${a}.path LIKE (SELECT CONCAT(sp.path, '%') FROM organizations sp WHERE sp.id = :osub)`, { osub: v }),
    },
    create: {
      roles: ['admin'],
      schema: organizationSchema,
      run: async (d, actor, body) => {
        if (body.parentId) await orgInScope(d, actor, body.parentId, 'parentId');
        // Only an admin of a root organization may add another root.
        else if (actor.orgPath.split('/').filter(Boolean).length > 1) throw invalid('parentId', '上级组织不能为空', 'parentId is required');
        return d.tj.organizations.create(body);
      },
    },
    update: {
      roles: ['admin'],
      schema: Joi.object({
        name: Joi.string().trim().max(100),
        regionCode: Joi.string().trim().pattern(/^\d{6,12}$/).allow(null),
        caseNumberPrefix: Joi.string().trim().max(20).allow(null),
        channel: Joi.string().valid(...CHANNELS).allow(null),
        active: Joi.boolean(),
      }),
      run: async (d, actor, current, changes) => {
        await orgInScope(d, actor, current.id, 'id');
        // Case numbers must not collide: like core's create, say which field (a race still meets the unique index: 409).
        if (changes.caseNumberPrefix && (await ds().getRepository(Organization).existsBy({ caseNumberPrefix: changes.caseNumberPrefix, id: Not(current.id) })))
          throw new DuplicateError('caseNumberPrefix', { zh: '案号前缀已被其他组织使用', en: 'Another organization uses this case-number prefix' });
        return { ...changes, updatedAt: now() };
      },
    },
    remove: { refuse: NO_DELETE_ORG },
  });

  mountResource(router, doc, deps, {
    name: 'users',
    tag: 'users',
    title: '用户 / users',
    entity: User,
    readRoles: ['admin', 'clerk', 'leader', 'mediator', 'adviser'],
    scope: inOrgSubtree('organizationId'),
    list: {
      sortable: ['id', 'username', 'displayName', 'organizationId'],
      defaultSort: ['id', 'ASC'],
      filter: { organizationId: ids, role: Joi.string().valid(...ROLES), active: Joi.boolean(), q: search },
      labels: { role: '角色' },
    },
    customFilters: {
      role: (qb, a, v: string) => qb.andWhere(`${a}.roles LIKE :urole`, { urole: `%"${v}"%` }),
      q: (qb, a, v: string) => v && qb.andWhere(`(${a}.username LIKE :uq ESCAPE '!' OR ${a}.displayName LIKE :uq ESCAPE '!')`, { uq: like(v) }),
    },
    present: (rows) => rows.map(presentUser),
    create: {
      roles: ['admin'],
      schema: userCreateSchema,
      run: async (d, actor, body) => {
        await orgInScope(d, actor, body.organizationId);
        return d.tj.users.create(body);
      },
    },
    update: {
      roles: ['admin'],
      schema: Joi.object({
        displayName: Joi.string().trim().max(64),
        roles: Joi.array().items(Joi.string().valid(...ROLES)).min(1).unique(),
        organizationId: positiveId,
        phone: Joi.string().trim().max(32).allow(null, ''),
        active: Joi.boolean(),
        password: Joi.string().min(8).max(200),
      }),
      run: async (d, actor, _current, { password, ...changes }) => {
        if (changes.organizationId) await orgInScope(d, actor, changes.organizationId);
        return { ...changes, ...(password ? { passwordHash: await hashPassword(password) } : {}), updatedAt: now() };
      },
    },
    remove: { refuse: NO_DELETE_USER },
  });

  const slaFields = {
    name: Joi.string().trim().max(100),
    channel: Joi.string().valid(...CHANNELS).allow(null),
    category: Joi.string().valid(...CATEGORIES).allow(null),
    acceptDays: Joi.number().integer().min(1).max(365),
    mediateDays: Joi.number().integer().min(1).max(365),
    extensionDays: Joi.number().integer().min(0).max(365),
    followUpDays: Joi.number().integer().min(1).max(365),
    confirmationDays: Joi.number().integer().min(1).max(365),
    yellowPercent: Joi.number().integer().min(1).max(99),
    active: Joi.boolean(),
  };
  mountResource(router, doc, deps, {
    name: 'sla-policies',
    tag: 'policies',
    title: '时限政策 / SLA policies',
    entity: SlaPolicy,
    list: { sortable: ['id', 'name', 'channel', 'category'], defaultSort: ['id', 'ASC'], filter: { channel: Joi.string().valid(...CHANNELS), category: Joi.string().valid(...CATEGORIES), active: Joi.boolean() } },
    create: {
      roles: ['admin'],
      schema: Joi.object(slaFields).fork(['name', 'acceptDays', 'mediateDays', 'extensionDays', 'followUpDays'], (s) => s.required()),
      run: (d, _a, body) => insertOne(SlaPolicy, { channel: null, category: null, ...body }),
    },
    update: {
      roles: ['admin'],
      schema: Joi.object(slaFields),
      run: (_d, _a, _current, changes) => changes,
    },
    remove: deleteOne(SlaPolicy),
  });

  const subsidyFields = {
    name: Joi.string().trim().max(100),
    complexity: Joi.string().valid(...COMPLEXITY_LEVELS),
    result: Joi.string().valid('settled', 'failed'),
    amountFen: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER),
    validFrom: date(),
    validTo: date().allow(null),
  };
  mountResource(router, doc, deps, {
    name: 'subsidy-policies',
    tag: 'policies',
    title: '以案定补 / subsidy policies',
    entity: SubsidyPolicy,
    readRoles: ['admin', 'leader', 'clerk', 'mediator'],
    list: { sortable: ['id', 'name', 'complexity', 'validFrom', 'amountFen'], defaultSort: ['id', 'ASC'], filter: { complexity: Joi.string().valid(...COMPLEXITY_LEVELS), result: Joi.string().valid('settled', 'failed') } },
    create: {
      roles: ['admin'],
      schema: Joi.object(subsidyFields).fork(['name', 'complexity', 'result', 'amountFen', 'validFrom'], (s) => s.required()),
      run: (_d, _a, body) => insertOne(SubsidyPolicy, { validTo: null, ...body }),
    },
    update: {
      roles: ['admin'],
      schema: Joi.object(subsidyFields),
      run: (_d, _a, _current, changes) => changes,
    },
    remove: deleteOne(SubsidyPolicy),
  });

  mountResource(router, doc, deps, {
    name: 'api-keys',
    tag: 'api keys',
    title: '渠道接口密钥 / channel API keys',
    entity: ApiKey,
    readRoles: ['admin'],
    scope: inOrgSubtree('organizationId'),
    list: { sortable: ['id', 'name', 'createdAt'], filter: { organizationId: ids, channel: Joi.string().valid(...CHANNELS) } },
    create: {
      roles: ['admin'],
      schema: apiKeySchema,
      run: async (d, actor, body) => {
        const { key, apiKey } = await d.tj.apiKeys.issue(actor, body);
        // The plain key is shown once, in this answer only.
        return Object.assign(apiKey, { key });
      },
    },
    remove: {
      roles: ['admin'],
      run: async (d, _a, current) => {
        if (!current.revokedAt) await d.tj.apiKeys.revoke(current.id);
        return ds().getRepository(ApiKey).findOneByOrFail({ id: current.id });
      },
    },
  });

  const assignmentFields = { adviserId: positiveId, villageId: positiveId, startsOn: date(), endsOn: date(), note: Joi.string().trim().max(200).allow(null, '') };
  const checkAssignment = async (d: Deps, actor: Actor, a: { adviserId?: number; villageId?: number; startsOn?: string; endsOn?: string }) => {
    if (a.adviserId) {
      const u = await ds().getRepository(User).findOneBy({ id: a.adviserId });
      if (!u || !u.roles.includes('adviser')) throw invalid('adviserId', '该用户不是法律顾问', 'That user is not a legal adviser');
    }
    if (a.villageId) await orgInScope(d, actor, a.villageId, 'villageId');
    if (a.startsOn && a.endsOn && a.endsOn < a.startsOn) throw invalid('endsOn', '结束日期不能早于开始日期', 'endsOn is before startsOn');
  };
  /** The center's desk sees the records of villages in its subtree; a lawyer sees their own. */
  const villageDeskOrOwnAdviser = (qb: SelectQueryBuilder<any>, a: string, actor: Actor) => {
    if (hasRole(actor, ['admin', 'clerk', 'leader'])) inOrgSubtree('villageId')(qb, a, actor);
    else qb.andWhere(`${a}.adviserId = :own`, { own: actor.id });
  };
  mountResource(router, doc, deps, {
    name: 'adviser-assignments',
    tag: 'advisers',
    title: '法律顾问服务村居 / adviser assignments',
    entity: AdviserAssignment,
    readRoles: ['admin', 'clerk', 'leader', 'adviser'],
    scope: villageDeskOrOwnAdviser,
    list: { sortable: ['id', 'startsOn', 'endsOn'], filter: { adviserId: ids, villageId: ids } },
    create: {
      roles: ['admin'],
      schema: Joi.object(assignmentFields).fork(['adviserId', 'villageId', 'startsOn', 'endsOn'], (s) => s.required()),
      run: async (d, actor, body) => {
        await checkAssignment(d, actor, body);
        return insertOne(AdviserAssignment, { note: null, ...body });
      },
    },
    update: {
      roles: ['admin'],
      schema: Joi.object(assignmentFields),
      run: async (d, actor, current, changes) => {
        await checkAssignment(d, actor, { ...current, ...changes });
        return changes;
      },
    },
    remove: deleteOne(AdviserAssignment),
  });

  const consultationFields = {
    villageId: positiveId,
    at: boundedInstant(),
    personName: Joi.string().trim().max(64),
    personPhone: Joi.string().trim().pattern(/^[0-9+\-() ]{5,20}$/),
    category: Joi.string().valid(...CATEGORIES),
    question: Joi.string().trim().max(5000),
    answer: Joi.string().trim().max(5000),
    caseId: positiveId.allow(null),
  };
  mountResource(router, doc, deps, {
    name: 'consultations',
    tag: 'advisers',
    title: '法律咨询 / consultations',
    entity: Consultation,
    readRoles: ['admin', 'clerk', 'leader', 'adviser'],
    scope: villageDeskOrOwnAdviser,
    list: { sortable: ['id', 'at', 'category'], defaultSort: ['at', 'DESC'], filter: { adviserId: ids, villageId: ids, category: Joi.string().valid(...CATEGORIES), caseId: ids } },
    create: {
      roles: ['adviser'],
      schema: Joi.object(consultationFields).fork(['villageId', 'personName', 'category', 'question', 'answer'], (s) => s.required()),
      run: async (_d, actor, { personPhone, ...body }) => {
        if (!(actor.villageIds ?? []).includes(body.villageId)) throw invalid('villageId', '您目前不服务这个村（社区）', 'You do not serve this village now');
        const t = now();
        return insertOne(Consultation, { caseId: null, at: t, ...body, adviserId: actor.id, personPhoneMasked: personPhone ? maskPhone(personPhone) : null, createdAt: t });
      },
    },
    update: {
      roles: ['adviser'],
      schema: Joi.object({ question: consultationFields.question, answer: consultationFields.answer, category: consultationFields.category, caseId: consultationFields.caseId }),
      run: async (_d, actor, current, changes) => {
        if (current.adviserId !== actor.id) throw invalid('id', '只能修改自己的咨询记录', 'Only your own consultations can be changed');
        return changes;
      },
    },
  });
}
