import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../shared/errors';

/** A counter table keyed by (organization, year): case numbers, agreement numbers. */
type CounterEntity = { new (): { organizationId: number; year: number; lastSerial: number } };

/**
 * The next serial of an organization's numbers in a year, from a counter row updated in the
 * command's transaction: gapless and unique on every engine (the row lock orders writers, and a
 * rolled-back command rolls its number back; AUTO_INCREMENT would skip values on MySQL and TiDB).
 */
export async function nextSerial(em: EntityManager, counter: CounterEntity, organizationId: number, year: number): Promise<number> {
  const bump = () =>
    em
      .createQueryBuilder()
      .update(counter)
      .set({ lastSerial: () => 'last_serial + 1' })
      .where('organization_id = :organizationId AND year = :year', { organizationId, year })
      .execute();
  const { affected } = await bump();
  if (!affected) {
    try {
      await em.getRepository(counter).insert({ organizationId, year, lastSerial: 1 });
      return 1;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      await bump();
    }
  }
  const row = await em.getRepository(counter).findOneByOrFail({ organizationId, year });
  return row.lastSerial;
}
