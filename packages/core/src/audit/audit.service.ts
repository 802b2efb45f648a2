import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../cases/lifecycle';
import Joi from 'joi';
import { eqFilter, getRow, idValue, listRows, ListQuery, listSpecOf, Page, ReadSpec } from '../shared/listing';
import { likeEscape, LIKE_ESCAPE } from '../cases/scope';
import { AuditEvent } from './audit-event.entity';

/** What an audited command records; `before`/`after` hold only the fields that changed. */
export interface AuditEntry {
  entity: string;
  entityId: number;
  action: 'create' | 'update' | 'move' | 'delete' | 'revoke';
  organizationId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Who did it: a signed-in actor, or the system (bootstrap). */
export type AuditActor = Pick<Actor, 'id' | 'name'> | null;

/** A value as JSON stores it (dates as ISO text), so before and after compare and read back alike. */
const plain = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/**
 * The fields of `after` that differ from `before`, as `{ before, after }` of those fields only.
 * Keys in `secret` are recorded as changed without their values (passwords).
 */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>, secret: readonly string[] = []) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (secret.includes(k)) {
      b[k] = null;
      a[k] = 'changed';
    } else if (JSON.stringify(plain(before[k])) !== JSON.stringify(plain(after[k]))) {
      b[k] = plain(before[k]);
      a[k] = plain(after[k]);
    }
  }
  return { before: b, after: a };
}

/** Append one audit row inside the command's transaction. */
export async function audit(em: EntityManager, who: AuditActor, now: Date, e: AuditEntry): Promise<void> {
  await em.getRepository(AuditEvent).insert({
    at: now,
    actorId: who?.id ?? null,
    actorName: who?.name ?? 'system',
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    organizationId: e.organizationId,
    before: e.before === null ? null : plain(e.before),
    after: e.after === null ? null : plain(e.after),
  });
}

/** Admins see the rows of their subtree's organizations, and center-wide rows (no organization). */
const READ: ReadSpec<AuditEvent> = {
  name: 'audit-event',
  entity: AuditEvent,
  readRoles: ['admin'],
  scope: (qb, alias, actor) => {
    qb.leftJoin('organizations', 'ao', `ao.id = ${alias}.organizationId`).andWhere(`(${alias}.organizationId IS NULL OR ao.path LIKE :auditPath ${LIKE_ESCAPE})`, {
      auditPath: `${likeEscape(actor.orgPath)}%`,
    });
  },
  sortable: ['id', 'at', 'entity'],
  defaultSort: ['id', 'DESC'],
  filters: {
    entity: eqFilter(Joi.string().max(40), '记录类型'),
    entityId: eqFilter(idValue, '记录编号'),
    action: eqFilter(Joi.string().max(20), '操作'),
    actorId: eqFilter(idValue),
    organizationId: eqFilter(idValue, '组织'),
  },
};

/** Reads of the audit trail (writes happen inside each audited command). */
export class AuditService {
  constructor(private readonly ds: DataSource) {}

  /** @throws ForbiddenError for anyone but admins */
  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  readonly listSpec = listSpecOf(READ);

  list(actor: Actor, query?: ListQuery): Promise<Page<AuditEvent>> {
    return listRows(this.ds.manager, READ, actor, query);
  }

  /** @throws NotFoundError */
  get(actor: Actor, id: number): Promise<AuditEvent> {
    return getRow(this.ds.manager, READ, actor, id);
  }
}
