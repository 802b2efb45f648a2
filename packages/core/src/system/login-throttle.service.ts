import { DataSource, LessThan } from 'typeorm';
import { isUniqueViolation } from '../cases/case.service';
import type { Clock } from '../shared/clock';
import { LoginThrottle } from './login-throttle.entity';

/** A limit: at most `points` failures per `durationSeconds` window. */
export interface ThrottleLimit {
  points: number;
  durationSeconds: number;
}

/**
 * Failed sign-ins counted per key (`account:<id>`, `address:<ip>`) in fixed windows, in the
 * database so that every API process sees the same counts. Each count is one atomic UPDATE (or
 * INSERT), so concurrent failures are never lost. Only resolved accounts and client addresses are
 * keys: made-up user names add no rows.
 */
export class LoginThrottleService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it is not blocked. */
  async blockedFor(key: string, limit: ThrottleLimit): Promise<number> {
    const row = await this.ds.getRepository(LoginThrottle).findOneBy({ key });
    if (!row || row.failures < limit.points) return 0;
    const left = row.windowStart.getTime() + limit.durationSeconds * 1000 - this.clock.now().getTime();
    return Math.max(0, left);
  }

  /** Count one failure of `key`; returns the failures in the current window (this one included). */
  async fail(key: string, limit: ThrottleLimit): Promise<number> {
    const repo = this.ds.getRepository(LoginThrottle);
    const now = this.clock.now();
    const windowFrom = new Date(now.getTime() - limit.durationSeconds * 1000);
    const k = this.ds.driver.escape('key'); // a reserved word on MySQL
    for (let attempt = 0; attempt < 3; attempt++) {
      const inWindow = await repo.createQueryBuilder().update().set({ failures: () => 'failures + 1' }).where(`${k} = :key AND window_start > :from`, { key, from: windowFrom }).execute();
      if (inWindow.affected) return (await repo.findOneBy({ key }))?.failures ?? 1;
      const restarted = await repo.createQueryBuilder().update().set({ failures: 1, windowStart: now }).where(`${k} = :key AND window_start <= :from`, { key, from: windowFrom }).execute();
      if (restarted.affected) return 1;
      try {
        await repo.insert({ key, failures: 1, windowStart: now });
        return 1;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e; // another process inserted it first: count again
      }
    }
    return limit.points;
  }

  /** Forget the failures of `key` (after a successful sign-in), and windows that ended long ago. */
  async reset(key: string, limit: ThrottleLimit): Promise<void> {
    const repo = this.ds.getRepository(LoginThrottle);
    await repo.delete({ key });
    await repo.delete({ windowStart: LessThan(new Date(this.clock.now().getTime() - 2 * limit.durationSeconds * 1000)) });
  }
}
