import { EntityManager } from 'typeorm';
import { MediationCase } from '../cases/case.entity';
import type { Actor } from '../cases/lifecycle';
import { scopeCases } from '../cases/scope';
import { NotFoundError } from '../shared/errors';

/**
 * The case, if the actor may see it, locked for the rest of the transaction on MySQL-family
 * databases. For commands that append to a case's history without changing the case row (a
 * generated document, an upload): lifecycle commands serialize on the row's compare-and-set,
 * these on the row lock, so the chain's tail cannot move under either. SQLite needs no lock:
 * its transactions take turns. @throws NotFoundError (also outside the actor's scope)
 */
export async function lockCaseInScope(em: EntityManager, actor: Actor, id: number): Promise<MediationCase> {
  if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundError('case', id);
  const qb = scopeCases(em.getRepository(MediationCase).createQueryBuilder('c'), 'c', actor).andWhere('c.id = :id', { id });
  // Only inside a transaction (a plain read before one, to fail early, takes no lock).
  if (em.connection.options.type === 'mysql' && em.queryRunner?.isTransactionActive) qb.setLock('pessimistic_write');
  const c = await qb.getOne();
  if (!c) throw new NotFoundError('case', id);
  return c;
}
