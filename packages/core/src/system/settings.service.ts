import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../shared/errors';
import { Setting } from './setting.entity';

/** Installation-wide values generated once and kept in the database (secrets, keys). */
export class SettingsService {
  constructor(private readonly ds: DataSource) {}

  async get(key: string): Promise<string | null> {
    return (await this.ds.getRepository(Setting).findOneBy({ key }))?.value ?? null;
  }

  /** The stored value, or a generated one stored now; two processes starting at once agree. */
  async getOrCreate(key: string, generate: () => string): Promise<string> {
    const existing = await this.get(key);
    if (existing !== null) return existing;
    try {
      await this.ds.getRepository(Setting).insert({ key, value: generate() });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    return (await this.get(key))!;
  }
}
