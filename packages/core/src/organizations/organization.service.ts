import Joi from 'joi';
import { DataSource, EntityManager } from 'typeorm';
import { transaction } from '../db/data-source';
import { Clock } from '../shared/clock';
import { DuplicateError, ValidationError } from '../shared/errors';
import { validate } from '../shared/validation';
import { CHANNELS, ORGANIZATION_TYPES } from '../shared/vocabulary';
import type { Channel, OrganizationType } from '../shared/vocabulary';
import { Organization } from './organization.entity';

export const organizationSchema = Joi.object({
  name: Joi.string().trim().max(100).required(),
  type: Joi.string().valid(...ORGANIZATION_TYPES).required(),
  parentId: Joi.number().integer().min(1).allow(null),
  regionCode: Joi.string().trim().pattern(/^\d{6,12}$/).allow(null),
  caseNumberPrefix: Joi.string().trim().max(20).allow(null),
  channel: Joi.string().valid(...CHANNELS).allow(null),
  active: Joi.boolean(),
});

export interface OrganizationInput {
  name: string;
  type: OrganizationType;
  parentId?: number | null;
  regionCode?: string | null;
  caseNumberPrefix?: string | null;
  channel?: Channel | null;
  active?: boolean;
}

/** The organization tree, kept as materialized paths. */
export class OrganizationService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** @throws ValidationError */
  create(input: unknown, em?: EntityManager): Promise<Organization> {
    const data = validate<OrganizationInput>(organizationSchema, input);
    const run = async (m: EntityManager) => {
      const parent = data.parentId ? await m.getRepository(Organization).findOneBy({ id: data.parentId }) : null;
      if (data.parentId && !parent) throw new ValidationError([{ field: 'parentId', type: 'any.invalid', message: '上级组织不存在', messages: { zh: '上级组织不存在', en: 'No such parent organization' } }]);
      if (data.caseNumberPrefix && (await m.getRepository(Organization).existsBy({ caseNumberPrefix: data.caseNumberPrefix }))) {
        throw new DuplicateError('caseNumberPrefix', { zh: '案号前缀已被其他组织使用', en: 'Another organization uses this case-number prefix' });
      }
      const now = this.clock.now();
      const repo = m.getRepository(Organization);
      const org = await repo.save(
        repo.create({ ...data, parentId: parent?.id ?? null, regionCode: data.regionCode ?? null, caseNumberPrefix: data.caseNumberPrefix ?? null, channel: data.channel ?? null, active: data.active ?? true, path: '/', depth: parent ? parent.depth + 1 : 0, createdAt: now, updatedAt: now }),
      );
      org.path = `${parent?.path ?? '/'}${org.id}/`;
      await repo.update({ id: org.id }, { path: org.path });
      return org;
    };
    return em ? run(em) : transaction(this.ds, run);
  }

  /** The organization and everything below it. */
  subtree(id: number): Promise<Organization[]> {
    return this.ds
      .getRepository(Organization)
      .createQueryBuilder('o')
      .where("o.path LIKE (SELECT CONCAT(p.path, '%') FROM organizations p WHERE p.id = :id)", { id })
      .orderBy('o.path', 'ASC')
      .getMany();
  }
}
