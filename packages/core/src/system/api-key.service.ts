import { createHash, randomBytes } from 'node:crypto';
import Joi from 'joi';
import { DataSource, IsNull } from 'typeorm';
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

/** Keys with which a channel body's system pushes cases in. Only a hash is kept. */
export class ApiKeyService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Issue a key; the plain key is returned once and never stored. @throws ForbiddenError, ValidationError */
  async issue(actor: Actor, input: unknown): Promise<{ key: string; apiKey: ApiKey }> {
    if (!actor.roles.includes('admin')) throw new ForbiddenError();
    const data = validate<{ name: string; organizationId: number; channel: Channel }>(apiKeySchema, input);
    const org = await this.ds.getRepository(Organization).findOneBy({ id: data.organizationId });
    if (!org || !org.path.startsWith(actor.orgPath)) {
      throw new ValidationError([{ field: 'organizationId', type: 'any.invalid', message: '组织不存在', messages: { zh: '组织不存在', en: 'No such organization' } }]);
    }
    // A key speaks for a channel body, and only for the channel that body is.
    if (org.channel !== data.channel) {
      throw new ValidationError([{ field: 'channel', type: 'any.invalid', message: '该组织不是此渠道的对接机构', messages: { zh: '该组织不是此渠道的对接机构', en: "The organization is not this channel's body" } }]);
    }
    const key = `tj_${randomBytes(24).toString('base64url')}`;
    const apiKey = await this.ds.getRepository(ApiKey).save(
      this.ds.getRepository(ApiKey).create({ ...data, prefix: key.slice(0, 10), keyHash: sha256(key), createdById: actor.id, createdAt: this.clock.now(), revokedAt: null, lastUsedAt: null }),
    );
    delete (apiKey as Partial<ApiKey>).keyHash;
    return { key, apiKey };
  }

  /** @throws NotFoundError */
  async revoke(id: number): Promise<void> {
    const r = await this.ds.getRepository(ApiKey).update({ id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    if (!r.affected) throw new NotFoundError('api-key', id);
  }

  /** The channel a key speaks for, or null for an unknown or revoked key. */
  async authenticate(key: string): Promise<ChannelPrincipal | null> {
    const found = await this.ds.getRepository(ApiKey).findOneBy({ keyHash: sha256(key), revokedAt: IsNull() });
    if (!found) return null;
    await this.ds.getRepository(ApiKey).update({ id: found.id }, { lastUsedAt: this.clock.now() });
    return { organizationId: found.organizationId, channel: found.channel };
  }
}
