import { DataSource } from 'typeorm';
import { CaseService } from './cases/case.service';
import { connect, DEFAULT_DATABASE_URL, Engine, engineOf } from './db/data-source';
import { OrganizationService } from './organizations/organization.service';
import { Clock, systemClock } from './shared/clock';
import { PersonalDataCipher } from './shared/personal-data';
import { ApiKeyService } from './system/api-key.service';
import { SettingsService } from './system/settings.service';
import { StatsService } from './stats/stats.service';
import { UserService } from './users/user.service';

export interface OpenOptions {
  /** `sqlite:<file>` (default `sqlite:./data/tiaojie.sqlite`) or `mysql://user:pass@host:port/db`. */
  url?: string;
  /** The time source; the system clock by default. */
  clock?: Clock;
  /** 32+ bytes (base64) protecting personal data; generated once and kept in the database when not given. */
  dataKey?: string;
}

/** An open tiaojie database with its services. */
export class Tiaojie {
  readonly engine: Engine;
  readonly cases: CaseService;
  readonly users: UserService;
  readonly organizations: OrganizationService;
  readonly apiKeys: ApiKeyService;
  readonly settings: SettingsService;
  readonly stats: StatsService;

  constructor(
    readonly dataSource: DataSource,
    readonly clock: Clock,
    readonly cipher: PersonalDataCipher,
  ) {
    this.engine = engineOf(dataSource);
    this.cases = new CaseService(dataSource, clock, cipher);
    this.users = new UserService(dataSource, clock);
    this.organizations = new OrganizationService(dataSource, clock);
    this.apiKeys = new ApiKeyService(dataSource, clock);
    this.settings = new SettingsService(dataSource);
    this.stats = new StatsService(dataSource, clock, this.cases);
  }

  /** The actor a signed-in user acts as. @throws NotFoundError */
  actorFor(userId: number) {
    return this.users.actorFor(userId);
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}

/**
 * Open a database, run its migrations, and return the services over it.
 * @example const tj = await openTiaojie({ url: 'sqlite:./data/tiaojie.sqlite' });
 */
export async function openTiaojie(opts: OpenOptions = {}): Promise<Tiaojie> {
  const ds = await connect(opts.url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const settings = new SettingsService(ds);
  const dataKey = opts.dataKey ?? process.env.TIAOJIE_DATA_KEY ?? (await settings.getOrCreate('personal_data_key', PersonalDataCipher.generateKey));
  return new Tiaojie(ds, opts.clock ?? systemClock, new PersonalDataCipher(dataKey));
}
