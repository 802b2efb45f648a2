import { DataSource } from 'typeorm';
import { CaseService } from './cases/case.service';
import { connect, DEFAULT_DATABASE_URL, Engine, engineOf } from './db/data-source';
import { OrganizationService } from './organizations/organization.service';
import { Clock, systemClock } from './shared/clock';
import { PersonalDataCipher } from './shared/personal-data';
import { useHistorySeal } from './history/anchor';
import { ApiKeyService } from './system/api-key.service';
import { resolveKeys, type KeyOptions } from './system/keys';
import { LoginThrottleService } from './system/login-throttle.service';
import { SettingsService } from './system/settings.service';
import { StatsService } from './stats/stats.service';
import { UserService } from './users/user.service';

export interface OpenOptions extends KeyOptions {
  /** `sqlite:<file>` (default `sqlite:./data/tiaojie.sqlite`) or `mysql://user:pass@host:port/db`. */
  url?: string;
  /** The time source; the system clock by default. */
  clock?: Clock;
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
  /** Failed sign-ins per account and address, kept in the database so API processes share them. */
  readonly loginThrottle: LoginThrottleService;

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
    this.loginThrottle = new LoginThrottleService(dataSource, clock);
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
 * Open a database, run its migrations, check the keys (see `resolveKeys`: the data key must match
 * the stored data; in production it must be configured), and return the services over it.
 * @throws MissingSecretError, DataKeyMismatchError
 * @example const tj = await openTiaojie({ url: 'sqlite:./data/tiaojie.sqlite' });
 */
export async function openTiaojie(opts: OpenOptions = {}): Promise<Tiaojie> {
  const ds = await connect(opts.url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  try {
    const { cipher, seal } = await resolveKeys(ds, opts);
    useHistorySeal(ds, seal);
    return new Tiaojie(ds, opts.clock ?? systemClock, cipher);
  } catch (e) {
    await ds.destroy();
    throw e;
  }
}
