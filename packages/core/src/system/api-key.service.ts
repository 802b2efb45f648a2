import { createHash, randomBytes } from 'node:crypto';
import Joi from 'joi';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { audit } from '../audit/audit.service';
import { transaction } from '../db/data-source';
import { eqFilter, getRow, idsValue, inOrgSubtree, listRows, ListQuery, listSpecOf, Page, ReadSpec } from '../shared/listing';
import type { ChannelPrincipal } from '../cases/case.service';
import type { Actor } from '../cases/lifecycle';
import { Organization } from '../organizations/organization.entity';
import { Clock } from '../shared/clock';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { validate } from '../shared/validation';
import { CHANNELS } from '../shared/vocabulary';
import type { Channel } from '../shared/vocabulary';
import { ApiKey } from './api-key.entity';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const apiKeySchema = Joi.object({
  name: Joi.string().trim().max(100).required(),
  organizationId: Joi.number().integer().min(1).required(),
  /** Any channel whose cases come with the sender's own reference: all but walk-ins. */
  channel: Joi.string().valid(...CHANNELS.filter((c) => c !== 'walk_in')).required(),
});

const READ: ReadSpec<ApiKey> = {
  name: 'api-key',
  entity: ApiKey,
  readRoles: ['admin'],
  scope: inOrgSubtree('organizationId'),
  sortable: ['id', 'name', 'createdAt'],
  defaultSort: ['id', 'DESC'],
  filters: { organizationId: eqFilter(idsValue), channel: eqFilter(Joi.string().valid(...CHANNELS)) },
};

/** Keys with which a channel body's system pushes cases in. Only a hash is kept. */
export class ApiKeyService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Keys of the admin's subtree (never their hashes). @throws ForbiddenError */
  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  readonly listSpec = listSpecOf(READ);

  list(actor: Actor, query?: ListQuery): Promise<Page<ApiKey>> {
    return listRows(this.ds.manager, READ, actor, query);
  }

  /** @throws NotFoundError */
  get(actor: Actor, id: number): Promise<ApiKey> {
    return getRow(this.ds.manager, READ, actor, id);
  }

  /** Issue a key; the plain key is returned once and never stored. Audited. @throws ForbiddenError, ValidationError */
  async issue(actor: Actor, input: unknown): Promise<{ key: string; apiKey: ApiKey }> {
    if (!actor.roles.includes('admin')) throw new ForbiddenError();
    const data = validate<{ name: string; organizationId: number; channel: Channel }>(apiKeySchema, input);
    return transaction(this.ds, (em) => this.issueIn(em, actor, data));
  }

  private async issueIn(em: EntityManager, actor: Actor, data: { name: string; organizationId: number; channel: Channel }): Promise<{ key: string; apiKey: ApiKey }> {
    const org = await em.getRepository(Organization).findOneBy({ id: data.organizationId });
    if (!org || !org.path.startsWith(actor.orgPath)) {
      throw new ValidationError([{ field: 'organizationId', type: 'any.invalid', message: '组织不存在', messages: { zh: '组织不存在', en: 'No such organization' } }]);
    }
    // A key speaks for a channel body, and only for the channel that body is.
    if (org.channel !== data.channel) {
      throw new ValidationError([{ field: 'channel', type: 'any.invalid', message: '该组织不是此渠道的对接机构', messages: { zh: '该组织不是此渠道的对接机构', en: "The organization is not this channel's body" } }]);
    }
    const key = `tj_${randomBytes(24).toString('base64url')}`;
    const apiKey = await em.getRepository(ApiKey).save(
      em.getRepository(ApiKey).create({ ...data, prefix: key.slice(0, 10), keyHash: sha256(key), createdById: actor.id, createdAt: this.clock.now(), revokedAt: null, lastUsedAt: null }),
    );
    delete (apiKey as Partial<ApiKey>).keyHash;
    await audit(em, actor, apiKey.createdAt, { entity: 'api-key', entityId: apiKey.id, action: 'create', organizationId: apiKey.organizationId, before: null, after: { name: apiKey.name, channel: apiKey.channel, prefix: apiKey.prefix } });
    return { key, apiKey };
  }

  /**
   * Revoke a key of the admin's subtree (revoking it again changes nothing); answers the key.
   * Audited. @throws NotFoundError, ForbiddenError
   */
  async revokeAs(actor: Actor, id: number): Promise<ApiKey> {
    return transaction(this.ds, async (em) => {
      const current = await getRow(em, READ, actor, id);
      if (current.revokedAt) return current;
      const now = this.clock.now();
      await em.getRepository(ApiKey).update({ id, revokedAt: IsNull() }, { revokedAt: now });
      await audit(em, actor, now, { entity: 'api-key', entityId: id, action: 'revoke', organizationId: current.organizationId, before: { revokedAt: null }, after: { revokedAt: now } });
      return em.getRepository(ApiKey).findOneByOrFail({ id });
    });
  }

  /** Revoke by id without an actor (operations scripts). @throws NotFoundError */
  async revoke(id: number): Promise<void> {
    await transaction(this.ds, async (em) => {
      const key = await em.getRepository(ApiKey).findOneBy({ id, revokedAt: IsNull() });
      if (!key) throw new NotFoundError('api-key', id);
      const now = this.clock.now();
      await em.getRepository(ApiKey).update({ id }, { revokedAt: now });
      await audit(em, null, now, { entity: 'api-key', entityId: id, action: 'revoke', organizationId: key.organizationId, before: { revokedAt: null }, after: { revokedAt: now } });
    });
  }

  /** The channel a key speaks for, or null for an unknown or revoked key. */
  async authenticate(key: string): Promise<ChannelPrincipal | null> {
    const found = await this.ds.getRepository(ApiKey).findOneBy({ keyHash: sha256(key), revokedAt: IsNull() });
    if (!found) return null;
    await this.ds.getRepository(ApiKey).update({ id: found.id }, { lastUsedAt: this.clock.now() });
    return { organizationId: found.organizationId, channel: found.channel };
  }
}
