/**
 * The center's reference data: organizations, users, policies, channel API keys, legal-adviser
 * assignments, consultations and the audit trail. Each route validates, calls its core service
 * (which owns the rules, the scope and the audit row) and answers through a presenter. Each list's
 * sorts and filters are the core service's `listSpec`.
 */
import type Router from '@koa/router';
import {
  apiKeySchema, assignmentCreateSchema, assignmentSchema, categoryCreateSchema, categorySchema, holidayCreateSchema, holidaySchema, poolMediatorCreateSchema, poolMediatorSchema, consultationCreateSchema, consultationSchema,
  organizationSchema, organizationUpdateSchema, slaPolicyCreateSchema, slaPolicySchema, subsidyPolicyCreateSchema, subsidyPolicySchema, subsidyGradingCreateSchema, subsidyGradingSchema,
  userCreateSchema, userUpdateSchema,
} from '@tiaojie/core';
import type { Deps } from '../context';
import type { ApiDoc } from '../openapi';
import * as P from '../presenters';
import { mountResource } from '../resources';

const NO_DELETE_ORG = { zh: '组织不能删除，请停用（active = false）', en: 'Organizations are not deleted; set active to false' };
const NO_DELETE_USER = { zh: '用户不能删除，请停用（active = false）', en: 'Users are not deleted; set active to false' };
const NO_DELETE_CATEGORY = { zh: '纠纷类型不能删除（案件保留其代码），请停用（active = false）', en: 'Categories are not deleted (cases keep their code); set active to false' };
const NO_DELETE_POOL = { zh: '调解员库成员不能删除（案件记录引用），请停用（active = false）', en: 'Pool mediators are not deleted (case records name them); set active to false' };
const NO_DELETE_AUDIT = { zh: '审计记录不能删除或修改', en: 'Audit events are never changed or deleted' };

export function mountAdmin(router: Router, doc: ApiDoc, deps: Deps) {
  const { tj } = deps;

  mountResource(router, doc, deps, {
    name: 'organizations',
    tag: 'organizations',
    title: '组织 / organizations',
    reads: tj.organizations,
    presenter: P.plain(P.organizationOut),
    list: tj.organizations.listSpec,
    create: { roles: tj.organizations.writeRoles, schema: organizationSchema, run: (actor, body) => tj.organizations.createAs(actor, body) },
    update: {
      roles: tj.organizations.writeRoles,
      // A new parentId moves the organization with its subtree (and its cases' scope paths).
      schema: organizationUpdateSchema,
      run: (actor, id, changes, version) => tj.organizations.update(actor, id, changes, version),
    },
    remove: { refuse: NO_DELETE_ORG },
  });

  mountResource(router, doc, deps, {
    name: 'users',
    tag: 'users',
    title: '用户 / users (the directory each role may see; phones only where the role needs them)',
    reads: tj.users,
    presenter: P.plain(P.userOut),
    list: tj.users.listSpec,
    create: { roles: tj.users.writeRoles, schema: userCreateSchema, run: (actor, body) => tj.users.createAs(actor, body) },
    update: {
      roles: tj.users.writeRoles,
      schema: userUpdateSchema,
      run: async (actor, id, changes, version) => (await tj.users.update(actor, id, changes, version)).user,
    },
    remove: { refuse: NO_DELETE_USER },
  });

  const sla = tj.policies.sla;
  mountResource(router, doc, deps, {
    name: 'sla-policies',
    tag: 'policies',
    title: '时限政策 / SLA policies',
    reads: sla,
    presenter: P.policyPresenter(P.slaPolicyOut),
    list: sla.listSpec,
    // Core refuses (403) a policy of an organization above the admin's: it governs more than their subtree.
    create: { roles: sla.writeRoles, schema: slaPolicyCreateSchema, run: (actor, body) => sla.create(actor, body) },
    update: { roles: sla.writeRoles, schema: slaPolicySchema, ignore: P.COMPUTED_POLICY_FIELDS, run: (actor, id, changes, version) => sla.update(actor, id, changes, version) },
    remove: { roles: sla.writeRoles, run: (actor, id) => sla.remove(actor, id) },
  });

  const categories = tj.categories;
  mountResource(router, doc, deps, {
    name: 'dispute-categories',
    tag: 'policies',
    title: '纠纷类型 / dispute categories (everyone reads; admins maintain)',
    reads: categories,
    presenter: P.plain(P.disputeCategoryOut),
    list: categories.listSpec,
    create: { roles: categories.writeRoles, schema: categoryCreateSchema, run: (actor, body) => categories.create(actor, body) },
    update: { roles: categories.writeRoles, schema: categorySchema, run: (actor, id, changes, version) => categories.update(actor, id, changes, version) },
    remove: { refuse: NO_DELETE_CATEGORY },
  });

  const holidays = tj.holidays;
  mountResource(router, doc, deps, {
    name: 'holidays',
    tag: 'policies',
    title: '节假日与调休 / working-day calendar (everyone reads; admins maintain)',
    reads: holidays,
    presenter: P.plain(P.holidayOut),
    list: holidays.listSpec,
    create: { roles: holidays.writeRoles, schema: holidayCreateSchema, run: (actor, body) => holidays.create(actor, body) },
    update: { roles: holidays.writeRoles, schema: holidaySchema, run: (actor, id, changes, version) => holidays.update(actor, id, changes, version) },
    remove: { roles: holidays.writeRoles, run: (actor, id) => holidays.remove(actor, id) },
  });

  const pool = tj.poolMediators;
  mountResource(router, doc, deps, {
    name: 'pool-mediators',
    tag: 'mediators',
    title: '调解员库（编外）/ pool mediators outside the staff',
    reads: pool,
    presenter: P.plain(P.poolMediatorOut),
    list: pool.listSpec,
    create: { roles: pool.writeRoles, schema: poolMediatorCreateSchema, run: (actor, body) => pool.create(actor, body) },
    update: { roles: pool.writeRoles, schema: poolMediatorSchema, run: (actor, id, changes, version) => pool.update(actor, id, changes, version), ignore: ['phoneMasked'] },
    remove: { refuse: NO_DELETE_POOL },
  });

  const subsidy = tj.policies.subsidy;
  mountResource(router, doc, deps, {
    name: 'subsidy-policies',
    tag: 'policies',
    title: '以案定补 / subsidy policies',
    reads: subsidy,
    presenter: P.policyPresenter(P.subsidyPolicyOut),
    list: subsidy.listSpec,
    create: { roles: subsidy.writeRoles, schema: subsidyPolicyCreateSchema, run: (actor, body) => subsidy.create(actor, body) },
    update: { roles: subsidy.writeRoles, schema: subsidyPolicySchema, ignore: P.COMPUTED_POLICY_FIELDS, run: (actor, id, changes, version) => subsidy.update(actor, id, changes, version) },
    remove: { roles: subsidy.writeRoles, run: (actor, id) => subsidy.remove(actor, id) },
  });

  const grading = tj.policies.subsidyGrading;
  mountResource(router, doc, deps, {
    name: 'subsidy-gradings',
    tag: 'policies',
    title: '以案定补难易标准 / subsidy grading thresholds',
    reads: grading,
    presenter: P.policyPresenter(P.subsidyGradingOut),
    list: grading.listSpec,
    create: { roles: grading.writeRoles, schema: subsidyGradingCreateSchema, run: (actor, body) => grading.create(actor, body) },
    update: { roles: grading.writeRoles, schema: subsidyGradingSchema, ignore: P.COMPUTED_POLICY_FIELDS, run: (actor, id, changes, version) => grading.update(actor, id, changes, version) },
    remove: { roles: grading.writeRoles, run: (actor, id) => grading.remove(actor, id) },
  });

  mountResource(router, doc, deps, {
    name: 'api-keys',
    tag: 'api keys',
    title: '渠道接口密钥 / channel API keys',
    reads: tj.apiKeys,
    presenter: P.plain(P.apiKeyOut),
    list: tj.apiKeys.listSpec,
    create: {
      roles: ['admin'],
      schema: apiKeySchema,
      // The plain key is shown once, in this answer only.
      presenter: P.plain(P.apiKeyIssuedOut),
      run: async (actor, body) => {
        const { key, apiKey } = await tj.apiKeys.issue(actor, body);
        return { ...apiKey, key };
      },
    },
    remove: { roles: ['admin'], run: (actor, id) => tj.apiKeys.revokeAs(actor, id) },
  });

  const advisers = tj.advisers;
  mountResource(router, doc, deps, {
    name: 'adviser-assignments',
    tag: 'advisers',
    title: '法律顾问服务村居 / adviser assignments',
    reads: { list: (a, q) => advisers.listAssignments(a, q), get: (a, id) => advisers.getAssignment(a, id) },
    presenter: P.plain(P.assignmentOut),
    list: advisers.assignmentListSpec,
    create: { roles: advisers.assignmentRoles, schema: assignmentCreateSchema, run: (actor, body) => advisers.createAssignment(actor, body) },
    update: { roles: advisers.assignmentRoles, schema: assignmentSchema, run: (actor, id, changes, version) => advisers.updateAssignment(actor, id, changes, version) },
    remove: { roles: advisers.assignmentRoles, run: (actor, id) => advisers.removeAssignment(actor, id) },
  });

  mountResource(router, doc, deps, {
    name: 'consultations',
    tag: 'advisers',
    title: '法律咨询 / consultations',
    reads: { list: (a, q) => advisers.listConsultations(a, q), get: (a, id) => advisers.getConsultation(a, id) },
    presenter: P.plain(P.consultationOut),
    list: advisers.consultationListSpec,
    create: { roles: advisers.consultationRoles, schema: consultationCreateSchema, run: (actor, body) => advisers.createConsultation(actor, body) },
    update: { roles: advisers.consultationRoles, schema: consultationSchema, run: (actor, id, changes, version) => advisers.updateConsultation(actor, id, changes, version) },
  });

  mountResource(router, doc, deps, {
    name: 'audit-events',
    tag: 'audit',
    title: '审计记录 / audit trail (admins; their subtree and center-wide records)',
    reads: tj.audit,
    presenter: P.plain(P.auditEventOut),
    list: tj.audit.listSpec,
    remove: { refuse: NO_DELETE_AUDIT },
  });
}
