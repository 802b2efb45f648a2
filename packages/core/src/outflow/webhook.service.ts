import { randomBytes } from 'node:crypto';
import Joi from 'joi';
import { DataSource } from 'typeorm';
import { audit } from '../audit/audit.service';
import type { Actor } from '../cases/lifecycle';
import { transaction } from '../db/data-source';
import { Organization } from '../organizations/organization.entity';
import { Clock } from '../shared/clock';
import { ForbiddenError } from '../shared/errors';
import { eqFilter, getRow, idValue, inOrgSubtree, invalidField, listRows, ListQuery, listSpecOf, Page, ReadSpec, updateVersioned } from '../shared/listing';
import type { PersonalDataCipher } from '../shared/personal-data';
import { validate } from '../shared/validation';
import { CASE_EVENT_TYPES } from './events';
import { DELIVERY_STATES, WebhookDelivery } from './webhook-delivery.entity';
import { WEBHOOK_SCOPES, WebhookScope, WebhookSubscription } from './webhook-subscription.entity';

/** http(s) only; loopback and private addresses are allowed (a center's systems live on its own network). */
const url = Joi.string().trim().max(500).uri({ scheme: ['http', 'https'] });
const eventTypes = Joi.array().items(Joi.string().valid(...CASE_EVENT_TYPES)).unique().max(CASE_EVENT_TYPES.length);

/** Fields an admin edits on a subscription. */
export const webhookSubscriptionSchema = Joi.object({
  name: Joi.string().trim().max(100),
  url,
  eventTypes,
  active: Joi.boolean(),
  /** A new signing secret (16–200 characters). */
  secret: Joi.string().min(16).max(200),
});

/** A new subscription: without `secret`, one is generated and answered once. */
export const webhookSubscriptionCreateSchema = Joi.object({
  name: Joi.string().trim().max(100).required(),
  organizationId: Joi.number().integer().min(1).required(),
  /** Default: `sent` for a channel body, `subtree` for any other organization. */
  scope: Joi.string().valid(...WEBHOOK_SCOPES),
  url: url.required(),
  eventTypes: eventTypes.default([]),
  active: Joi.boolean().default(true),
  secret: Joi.string().min(16).max(200),
});

/** `scope` in the shared table names an agent's authority; here it is what a subscription receives. */
const WEBHOOK_LABELS = { scope: '接收范围' };

const SUBS: ReadSpec<WebhookSubscription> = {
  name: 'webhook',
  entity: WebhookSubscription,
  readRoles: ['admin'],
  scope: inOrgSubtree('organizationId'),
  sortable: ['id', 'name', 'createdAt'],
  defaultSort: ['id', 'ASC'],
  filters: { organizationId: eqFilter(idValue), active: eqFilter(Joi.boolean()), scope: eqFilter(Joi.string().valid('sent', 'subtree'), WEBHOOK_LABELS.scope) },
};

const DELIVERIES: ReadSpec<WebhookDelivery> = {
  name: 'webhook-delivery',
  entity: WebhookDelivery,
  readRoles: ['admin'],
  scope: (qb, alias, actor) => {
    qb.innerJoin(WebhookSubscription, 'ws', `ws.id = ${alias}.subscriptionId`);
    inOrgSubtree('organizationId')(qb, 'ws', actor);
  },
  sortable: ['id', 'createdAt', 'nextAttemptAt', 'caseId'],
  defaultSort: ['id', 'DESC'],
  filters: {
    subscriptionId: eqFilter(idValue, '订阅'),
    state: eqFilter(Joi.string().valid(...DELIVERY_STATES), '推送状态'),
    caseId: eqFilter(idValue),
    eventType: eqFilter(Joi.string().valid(...CASE_EVENT_TYPES), '事件类型'),
  },
};

/** A subscription as answered: never the secret. */
export type WebhookView = Omit<WebhookSubscription, 'secretCipher'>;
const view = ({ secretCipher: _s, ...rest }: WebhookSubscription): WebhookView => rest;

/** Webhook subscriptions of an admin's subtree and their deliveries (dead letters and retries). Audited. */
export class WebhookService {
  readonly writeRoles = ['admin'] as const;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  readonly listSpec = listSpecOf(SUBS);

  async list(actor: Actor, query?: ListQuery): Promise<Page<WebhookView>> {
    const page = await listRows(this.ds.manager, SUBS, actor, query);
    return { rows: page.rows.map(view), total: page.total };
  }

  /** @throws NotFoundError */
  async get(actor: Actor, id: number): Promise<WebhookView> {
    return view(await getRow(this.ds.manager, SUBS, actor, id));
  }

  /**
   * Register a receiving system for an organization of the admin's subtree. Answers the secret
   * once (generated when not given). @throws ForbiddenError, ValidationError
   */
  async create(actor: Actor, input: unknown): Promise<WebhookView & { secret: string }> {
    if (!actor.roles.includes('admin')) throw new ForbiddenError();
    const data = validate<{ name: string; organizationId: number; scope?: WebhookScope; url: string; eventTypes: string[]; active: boolean; secret?: string }>(webhookSubscriptionCreateSchema, input, { labels: WEBHOOK_LABELS });
    return transaction(this.ds, async (em) => {
      const org = await em.getRepository(Organization).findOneBy({ id: data.organizationId });
      if (!org || !org.path.startsWith(actor.orgPath)) throw invalidField('organizationId', '组织不存在', 'No such organization');
      const secret = data.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
      const now = this.clock.now();
      const row = await em.getRepository(WebhookSubscription).save(
        em.getRepository(WebhookSubscription).create({
          name: data.name, organizationId: org.id, scope: data.scope ?? (org.channel ? 'sent' : 'subtree'), url: data.url, eventTypes: data.eventTypes,
          active: data.active, secretCipher: this.cipher.encrypt(secret), createdById: actor.id, createdAt: now, updatedAt: now, version: 1,
        }),
      );
      await audit(em, actor, now, { entity: 'webhook', entityId: row.id, action: 'create', organizationId: org.id, before: null, after: { name: row.name, url: row.url, scope: row.scope, eventTypes: row.eventTypes } });
      return { ...view(row), secret };
    });
  }

  /** Change a subscription on the version the admin edited. Audited (never the secret's value). @throws NotFoundError, StaleRecordError, ValidationError */
  async update(actor: Actor, id: number, input: unknown, version: number): Promise<WebhookView> {
    const data = validate<Record<string, unknown>>(webhookSubscriptionSchema, input, { labels: WEBHOOK_LABELS });
    return transaction(this.ds, async (em) => {
      const current = await getRow(em, SUBS, actor, id);
      const { secret, ...fields } = data as { secret?: string };
      const now = this.clock.now();
      const set: Record<string, unknown> = { ...fields, updatedAt: now };
      if (secret) set.secretCipher = this.cipher.encrypt(secret);
      const row = await updateVersioned(em, WebhookSubscription, id, version, set);
      const before = Object.fromEntries(Object.keys(fields).map((k) => [k, (current as unknown as Record<string, unknown>)[k]]));
      await audit(em, actor, now, { entity: 'webhook', entityId: id, action: 'update', organizationId: current.organizationId, before, after: { ...fields, ...(secret ? { secret: 'changed' } : {}) } });
      return view(row);
    });
  }

  /** @internal The signing secret, for the dispatcher. */
  async secretOf(id: number): Promise<{ url: string; secret: string; active: boolean } | null> {
    const s = await this.ds.getRepository(WebhookSubscription).findOneBy({ id });
    return s ? { url: s.url, secret: this.cipher.decrypt(s.secretCipher), active: s.active } : null;
  }

  /** Deliveries of the admin's subtree's subscriptions (filter `state: 'dead'` for the dead letters). */
  /** The list's sorts and filters (the API checks a query against them before calling `deliveries`). */
  readonly deliveryListSpec = listSpecOf(DELIVERIES);

  deliveries(actor: Actor, query?: ListQuery): Promise<Page<WebhookDelivery>> {
    return listRows(this.ds.manager, DELIVERIES, actor, query);
  }

  /** @throws NotFoundError */
  delivery(actor: Actor, id: number): Promise<WebhookDelivery> {
    return getRow(this.ds.manager, DELIVERIES, actor, id);
  }

  /**
   * Send a dead delivery again: back to pending with a fresh count of attempts, due now. A
   * delivered or pending one is refused. Audited. @throws NotFoundError, ValidationError
   */
  async retry(actor: Actor, id: number): Promise<WebhookDelivery> {
    if (!actor.roles.includes('admin')) throw new ForbiddenError();
    return transaction(this.ds, async (em) => {
      const d = await getRow(em, DELIVERIES, actor, id);
      const now = this.clock.now();
      const { affected } = await em
        .createQueryBuilder()
        .update(WebhookDelivery)
        .set({ state: 'pending', attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null, updatedAt: now })
        .where('id = :id AND state = :dead', { id, dead: 'dead' })
        .execute();
      if (affected !== 1) throw invalidField('state', '只能重发失败（已放弃）的推送', 'Only a dead delivery can be retried');
      const sub = await em.getRepository(WebhookSubscription).findOneByOrFail({ id: d.subscriptionId });
      await audit(em, actor, now, { entity: 'webhook-delivery', entityId: id, action: 'update', organizationId: sub.organizationId, before: { state: 'dead', attempts: d.attempts }, after: { state: 'pending', attempts: 0 } });
      return em.getRepository(WebhookDelivery).findOneByOrFail({ id });
    });
  }

  /**
   * Give up on a dead delivery for good (the receiver had it by other means, or will never take
   * it): `dismissed`, which retention then removes like a delivered one. Audited.
   * @throws NotFoundError, ValidationError (not dead), ForbiddenError
   */
  async dismiss(actor: Actor, id: number): Promise<WebhookDelivery> {
    if (!actor.roles.includes('admin')) throw new ForbiddenError();
    return transaction(this.ds, async (em) => {
      const d = await getRow(em, DELIVERIES, actor, id);
      const now = this.clock.now();
      const { affected } = await em
        .createQueryBuilder()
        .update(WebhookDelivery)
        .set({ state: 'dismissed', leaseOwner: null, leaseUntil: null, updatedAt: now })
        .where('id = :id AND state = :dead', { id, dead: 'dead' })
        .execute();
      if (affected !== 1) throw invalidField('state', '只能撤销已成为死信的推送', 'Only a dead delivery can be dismissed');
      const sub = await em.getRepository(WebhookSubscription).findOneByOrFail({ id: d.subscriptionId });
      await audit(em, actor, now, { entity: 'webhook-delivery', entityId: id, action: 'update', organizationId: sub.organizationId, before: { state: 'dead' }, after: { state: 'dismissed' } });
      return em.getRepository(WebhookDelivery).findOneByOrFail({ id });
    });
  }
}
