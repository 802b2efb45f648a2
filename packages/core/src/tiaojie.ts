import { DataSource } from 'typeorm';
import { AdviserService } from './advisers/adviser.service';
import { AuditService } from './audit/audit.service';
import { CaseRecordsService } from './cases/case-records.service';
import { CaseService } from './cases/case.service';
import { PolicyService } from './policies/policy.service';
import { UnavailableError } from './shared/errors';
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
import { FiguresService } from './figures/figures.service';
import { ExportService } from './exports/export.service';
import { WarningService } from './warnings/warning.service';
import { SubsidyService } from './subsidy/subsidy.service';
import { UserService } from './users/user.service';
import { CategoryService } from './categories/category.service';

export interface OpenOptions extends KeyOptions {
  /** `sqlite:<file>` (default `sqlite:./data/tiaojie.sqlite`) or `mysql://user:pass@host:port/db`. */
  url?: string;
  /** The time source; the system clock by default. */
  clock?: Clock;
}

/** What `ensureFirstAdmin` needs on an empty database. */
export interface FirstAdminOptions {
  /** Name of the root organization when there is none (矛盾纠纷调处化解中心). */
  centerName?: string;
  /** Its case-number prefix (矛调). */
  casePrefix?: string;
  /** The admin's password. */
  password: string;
}

/**
 * An open tiaojie database with its services. Every read and write goes through a service;
 * callers (the API) never touch the data source.
 */
export class Tiaojie {
  readonly engine: Engine;
  readonly cases: CaseService;
  /** A case's child records (parties, history, sessions …), read through the case's scope. */
  readonly caseRecords: CaseRecordsService;
  /** SLA and subsidy policies. */
  readonly policies: PolicyService;
  /** Adviser assignments and consultations. */
  readonly advisers: AdviserService;
  /** The audit trail of reference data. */
  readonly audit: AuditService;
  readonly users: UserService;
  readonly organizations: OrganizationService;
  readonly apiKeys: ApiKeyService;
  readonly settings: SettingsService;
  readonly stats: StatsService;
  /** The figures a center is judged on (docs/figures.md). */
  readonly figures: FiguresService;
  /** Long lists read page by page for Excel exports. */
  readonly exports: ExportService;
  /** Early warnings and class cases (预警, 类案). */
  readonly warnings: WarningService;
  /** 以案定补 monthly statements. */
  readonly subsidies: SubsidyService;
  /** Failed sign-ins per account and address, kept in the database so API processes share them. */
  readonly loginThrottle: LoginThrottleService;
  /** The deployment's dispute categories (纠纷类型), as data. */
  readonly categories: CategoryService;

  constructor(
    /**
     * @internal The TypeORM data source, for core's own tests and tools. Not for callers:
     * the API reaches the database only through the services (lint: api imports no typeorm).
     */
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
    this.figures = new FiguresService(dataSource, clock);
    this.exports = new ExportService(dataSource, clock, cipher, this.cases);
    this.warnings = new WarningService(dataSource, clock, this.cases);
    this.subsidies = new SubsidyService(dataSource, clock);
    this.caseRecords = new CaseRecordsService(dataSource);
    this.policies = new PolicyService(dataSource, clock);
    this.advisers = new AdviserService(dataSource, clock);
    this.audit = new AuditService(dataSource);
    this.loginThrottle = new LoginThrottleService(dataSource, clock);
    this.categories = new CategoryService(dataSource, clock);
  }

  /** Check that the database answers. @throws UnavailableError */
  async ping(): Promise<void> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (e) {
      throw Object.assign(new UnavailableError(), { cause: e });
    }
  }

  /**
   * On a database without an `admin` user: the root organization (when there is none) and the
   * user `admin` in it. Answers whether the admin was created. @throws ValidationError
   */
  async ensureFirstAdmin(opts: FirstAdminOptions): Promise<{ created: boolean }> {
    if (await this.users.exists('admin')) return { created: false };
    const root = (await this.organizations.root()) ?? (await this.organizations.create({ name: opts.centerName ?? '矛盾纠纷调处化解中心', type: 'county', parentId: null, caseNumberPrefix: opts.casePrefix ?? '矛调' }));
    await this.users.create({ username: 'admin', displayName: '系统管理员', password: opts.password, roles: ['admin'], organizationId: root.id });
    return { created: true };
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
