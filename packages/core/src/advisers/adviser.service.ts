import Joi from 'joi';
import { DataSource, EntityManager } from 'typeorm';
import { audit, diff } from '../audit/audit.service';
import { MediationCase } from '../cases/case.entity';
import type { Actor } from '../cases/lifecycle';
import { scopeCases } from '../cases/scope';
import { transaction } from '../db/data-source';
import { Organization } from '../organizations/organization.entity';
import { Clock } from '../shared/clock';
import { ForbiddenError } from '../shared/errors';
import { eqFilter, getRow, hasRole, idsValue, invalidField, listRows, ListQuery, listSpecOf, Page, ReadSpec, updateVersioned, villageDeskOrOwnAdviser } from '../shared/listing';
import { maskPhone } from '../shared/personal-data';
import { validate } from '../shared/validation';
import { categoryCode } from '../cases/payloads';
import type { Role } from '../shared/vocabulary';
import { User } from '../users/user.entity';
import { AdviserAssignment } from './adviser-assignment.entity';
import { Consultation } from './consultation.entity';
import { boundedDate, boundedInstant } from '../shared/dates';

const positiveId = Joi.number().integer().min(1);
/** Calendar dates within core's accepted range (shared/dates.ts). */
const isoDate = boundedDate;

/** Editable fields of an assignment (a lawyer serving a village for a term). */
export const assignmentSchema = Joi.object({ adviserId: positiveId, villageId: positiveId, startsOn: isoDate(), endsOn: isoDate(), note: Joi.string().trim().max(200).allow(null, '') });
export const assignmentCreateSchema = assignmentSchema.fork(['adviserId', 'villageId', 'startsOn', 'endsOn'], (s) => s.required());

const consultationFields = {
  villageId: positiveId,
  at: boundedInstant(),
  personName: Joi.string().trim().max(64),
  personPhone: Joi.string().trim().pattern(/^[0-9+\-() ]{5,20}$/),
  category: categoryCode(),
  question: Joi.string().trim().max(5000),
  answer: Joi.string().trim().max(5000),
  caseId: positiveId.allow(null),
};
/** A consultation as the adviser logs it. */
export const consultationCreateSchema = Joi.object(consultationFields).fork(['villageId', 'personName', 'category', 'question', 'answer'], (s) => s.required());
/** What the adviser may correct afterwards. */
export const consultationSchema = Joi.object({ question: consultationFields.question, answer: consultationFields.answer, category: consultationFields.category, caseId: consultationFields.caseId });

const ASSIGNMENTS: ReadSpec<AdviserAssignment> = {
  name: 'adviser-assignment',
  entity: AdviserAssignment,
  readRoles: ['admin', 'clerk', 'leader', 'adviser'],
  scope: villageDeskOrOwnAdviser,
  sortable: ['id', 'startsOn', 'endsOn'],
  defaultSort: ['id', 'DESC'],
  filters: { adviserId: eqFilter(idsValue), villageId: eqFilter(idsValue) },
};

const CONSULTATIONS: ReadSpec<Consultation> = {
  name: 'consultation',
  entity: Consultation,
  readRoles: ['admin', 'clerk', 'leader', 'adviser'],
  scope: villageDeskOrOwnAdviser,
  sortable: ['id', 'at', 'category'],
  defaultSort: ['at', 'DESC'],
  filters: { adviserId: eqFilter(idsValue), villageId: eqFilter(idsValue), category: eqFilter(categoryCode()), caseId: eqFilter(idsValue) },
};

/**
 * 村(社区)法律顾问: the center's assignments of lawyers to villages (admins), and the
 * consultations a lawyer logs in the villages they serve. Legal opinions are case actions.
 */
export class AdviserService {
  /** Roles that manage assignments. */
  readonly assignmentRoles: readonly Role[] = ['admin'];
  /** Roles that log consultations. */
  readonly consultationRoles: readonly Role[] = ['adviser'];

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The list's sorts and filters (the API checks a query against them before calling `listAssignments`). */
  readonly assignmentListSpec = listSpecOf(ASSIGNMENTS);
  /** The list's sorts and filters (the API checks a query against them before calling `listConsultations`). */
  readonly consultationListSpec = listSpecOf(CONSULTATIONS);

  listAssignments(actor: Actor, query?: ListQuery): Promise<Page<AdviserAssignment>> {
    return listRows(this.ds.manager, ASSIGNMENTS, actor, query);
  }

  /** @throws NotFoundError */
  getAssignment(actor: Actor, id: number): Promise<AdviserAssignment> {
    return getRow(this.ds.manager, ASSIGNMENTS, actor, id);
  }

  /** The adviser must be a legal adviser, the village in the admin's subtree, the term in order. */
  private async checkAssignment(em: EntityManager, actor: Actor, a: Pick<AdviserAssignment, 'adviserId' | 'villageId' | 'startsOn' | 'endsOn'>): Promise<Organization> {
    const u = await em.getRepository(User).findOneBy({ id: a.adviserId });
    if (!u || !u.roles.includes('adviser')) throw invalidField('adviserId', '该用户不是法律顾问', 'That user is not a legal adviser');
    const village = await em.getRepository(Organization).findOneBy({ id: a.villageId });
    if (!village || !village.path.startsWith(actor.orgPath)) throw invalidField('villageId', '组织不存在或不在您的范围内', 'No such organization in your scope');
    if (a.endsOn < a.startsOn) throw invalidField('endsOn', '结束日期不能早于开始日期', 'endsOn is before startsOn');
    return village;
  }

  private mayAssign(actor: Actor) {
    if (!hasRole(actor, this.assignmentRoles)) throw new ForbiddenError();
  }

  /** @throws ForbiddenError, ValidationError */
  createAssignment(actor: Actor, input: unknown): Promise<AdviserAssignment> {
    this.mayAssign(actor);
    const data = validate<Pick<AdviserAssignment, 'adviserId' | 'villageId' | 'startsOn' | 'endsOn'> & { note?: string | null }>(assignmentCreateSchema, input);
    return transaction(this.ds, async (em) => {
      const village = await this.checkAssignment(em, actor, data);
      const repo = em.getRepository(AdviserAssignment);
      const { identifiers } = await repo.insert({ note: null, ...data });
      const row = await repo.findOneByOrFail({ id: identifiers[0].id });
      await audit(em, actor, this.clock.now(), { entity: 'adviser-assignment', entityId: row.id, action: 'create', organizationId: village.id, before: null, after: { ...row } });
      return row;
    });
  }

  /** @throws NotFoundError, ForbiddenError, ValidationError, StaleRecordError */
  updateAssignment(actor: Actor, id: number, changes: unknown, expectedVersion: number): Promise<AdviserAssignment> {
    const data = validate<Partial<AdviserAssignment>>(assignmentSchema, changes);
    return transaction(this.ds, async (em) => {
      const current = await getRow(em, ASSIGNMENTS, actor, id);
      this.mayAssign(actor);
      const village = await this.checkAssignment(em, actor, { ...current, ...data });
      const row = await updateVersioned(em, AdviserAssignment, id, expectedVersion, data);
      await audit(em, actor, this.clock.now(), { entity: 'adviser-assignment', entityId: id, action: 'update', organizationId: village.id, ...diff({ ...current }, data) });
      return row;
    });
  }

  /** @throws NotFoundError, ForbiddenError */
  removeAssignment(actor: Actor, id: number): Promise<AdviserAssignment> {
    return transaction(this.ds, async (em) => {
      const current = await getRow(em, ASSIGNMENTS, actor, id);
      this.mayAssign(actor);
      await em.getRepository(AdviserAssignment).delete({ id });
      await audit(em, actor, this.clock.now(), { entity: 'adviser-assignment', entityId: id, action: 'delete', organizationId: current.villageId, before: { ...current }, after: null });
      return current;
    });
  }

  listConsultations(actor: Actor, query?: ListQuery): Promise<Page<Consultation>> {
    return listRows(this.ds.manager, CONSULTATIONS, actor, query);
  }

  /** @throws NotFoundError */
  getConsultation(actor: Actor, id: number): Promise<Consultation> {
    return getRow(this.ds.manager, CONSULTATIONS, actor, id);
  }

  /** A consultation may point at a case only when that case is one the adviser may see. */
  private async checkCase(em: EntityManager, actor: Actor, caseId: number | null | undefined) {
    if (caseId == null) return;
    const seen = await scopeCases(em.getRepository(MediationCase).createQueryBuilder('c'), 'c', actor).andWhere('c.id = :cid', { cid: caseId }).getCount();
    if (!seen) throw invalidField('caseId', '案件不存在或不在您的范围内', 'No such case in your scope');
  }

  /** Log a consultation in a village the adviser serves now. @throws ForbiddenError, ValidationError */
  createConsultation(actor: Actor, input: unknown): Promise<Consultation> {
    if (!hasRole(actor, this.consultationRoles)) throw new ForbiddenError();
    const { personPhone, ...data } = validate<Pick<Consultation, 'villageId' | 'personName' | 'category' | 'question' | 'answer'> & { at?: Date; caseId?: number | null; personPhone?: string }>(consultationCreateSchema, input);
    if (!(actor.villageIds ?? []).includes(data.villageId)) throw invalidField('villageId', '您目前不服务这个村（社区）', 'You do not serve this village now');
    return transaction(this.ds, async (em) => {
      await this.checkCase(em, actor, data.caseId);
      const t = this.clock.now();
      const repo = em.getRepository(Consultation);
      const { identifiers } = await repo.insert({ caseId: null, at: t, ...data, adviserId: actor.id, personPhoneMasked: personPhone ? maskPhone(personPhone) : null, createdAt: t });
      return repo.findOneByOrFail({ id: identifiers[0].id });
    });
  }

  /** The adviser corrects their own consultation. @throws NotFoundError, ForbiddenError, ValidationError, StaleRecordError */
  updateConsultation(actor: Actor, id: number, changes: unknown, expectedVersion: number): Promise<Consultation> {
    const data = validate<Partial<Consultation>>(consultationSchema, changes);
    return transaction(this.ds, async (em) => {
      const current = await getRow(em, CONSULTATIONS, actor, id);
      if (!hasRole(actor, this.consultationRoles)) throw new ForbiddenError();
      if (current.adviserId !== actor.id) throw invalidField('id', '只能修改自己的咨询记录', 'Only your own consultations can be changed');
      if ('caseId' in data) await this.checkCase(em, actor, data.caseId);
      return updateVersioned(em, Consultation, id, expectedVersion, data);
    });
  }
}
