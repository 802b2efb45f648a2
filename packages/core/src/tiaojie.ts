import { DataSource } from 'typeorm';
import { AdviserService } from './advisers/adviser.service';
import { AuditService } from './audit/audit.service';
import { AttachmentService, MAX_ATTACHMENT_BYTES } from './attachments/attachment.service';
import { acceptAllScanner, defaultFilesDir, FileStorage, FolderStorage, VirusScanner } from './attachments/storage';
import { DocumentService } from './documents/document.service';
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
import { Session, UserService } from './users/user.service';
import { attachEventBus, OutcomeEvents } from './outflow/event-bus';
import { DispatcherOptions, WebhookDispatcher } from './outflow/dispatcher';
import { NotificationService } from './outflow/notification.service';
import { WebhookService } from './outflow/webhook.service';
import { PartyMessageService } from './outflow/party-messages';
import { FiguresService } from './figures/figures.service';
import { ExportService } from './exports/export.service';
import { WarningService } from './warnings/warning.service';
import { SubsidyService } from './subsidy/subsidy.service';
import { OutflowPruned, OutflowRetentionOptions, pruneOutflow } from './outflow/retention';
import { CategoryService } from './categories/category.service';
import { PoolMediatorService } from './pool/pool-mediator.service';
import { HolidayService } from './calendar/holiday.service';

export interface OpenOptions extends KeyOptions {
  /** `sqlite:<file>` (default `sqlite:./data/tiaojie.sqlite`) or `mysql://user:pass@host:port/db`. */
  url?: string;
  /** The time source; the system clock by default. */
  clock?: Clock;
  /** Where attachment bytes go: a folder (default `TIAOJIE_FILES_DIR`, else `files` next to the SQLite file, else `./data/files`). */
  filesDir?: string;
  /** Or any other storage (object storage …); wins over `filesDir`. */
  storage?: FileStorage;
  /** Called on every upload before it is stored; accepts everything by default. */
  scanner?: VirusScanner;
  /** Largest attachment in bytes (20 MB). */
  maxAttachmentBytes?: number;
}

/** Attachment storage and checks, for the Tiaojie constructor. */
export interface FileOptions {
  storage: FileStorage;
  scanner?: VirusScanner;
  maxBytes?: number;
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
  /** Failed sign-ins per account and address, kept in the database so API processes share them. */
  readonly loginThrottle: LoginThrottleService;
  /** The papers a case prints (DOCX), each generation in its history. */
  readonly documents: DocumentService;
  /** Files uploaded to cases. */
  readonly attachments: AttachmentService;
  /** In-process subscription to committed case events: `tj.events.on('case.settled', handler)`. */
  readonly events: OutcomeEvents;
  /** Webhook subscriptions and their deliveries. */
  readonly webhooks: WebhookService;
  /** Staff's in-app notifications and the light sweep. */
  readonly notifications: NotificationService;
  /** Messages to parties (受理通知, 调解时间通知, 回访) through `messages.gateway` (log-only by default). */
  readonly messages: PartyMessageService;
  /** The deployment's dispute categories (纠纷类型), as data. */
  readonly categories: CategoryService;
  /** The mediator pool outside the staff (五老, 乡贤, lawyers, volunteers, counsellors). */
  readonly poolMediators: PoolMediatorService;
  /** The working-day calendar: holidays and make-up working days (调休). */
  readonly holidays: HolidayService;
  /** The figures a center is judged on (docs/figures.md). */
  readonly figures: FiguresService;
  /** Long lists read page by page for Excel exports. */
  readonly exports: ExportService;
  /** Early warnings and class cases (预警, 类案). */
  readonly warnings: WarningService;
  /** 以案定补 monthly statements. */
  readonly subsidies: SubsidyService;

  constructor(
    /**
     * @internal The TypeORM data source, for core's own tests and tools. Not for callers:
     * the API reaches the database only through the services (lint: api imports no typeorm).
     */
    readonly dataSource: DataSource,
    readonly clock: Clock,
    readonly cipher: PersonalDataCipher,
    private readonly files?: FileOptions,
    /** The bus of the Tiaojie this one shares its database with (see `withClock`); a new one when absent. */
    events?: OutcomeEvents,
  ) {
    this.engine = engineOf(dataSource);
    this.cases = new CaseService(dataSource, clock, cipher);
    this.users = new UserService(dataSource, clock);
    this.organizations = new OrganizationService(dataSource, clock);
    this.apiKeys = new ApiKeyService(dataSource, clock);
    this.settings = new SettingsService(dataSource);
    this.stats = new StatsService(dataSource, clock);
    this.figures = new FiguresService(dataSource, clock);
    this.exports = new ExportService(dataSource, clock, cipher, this.cases);
    this.warnings = new WarningService(dataSource, clock, this.cases);
    this.subsidies = new SubsidyService(dataSource, clock);
    this.caseRecords = new CaseRecordsService(dataSource);
    this.policies = new PolicyService(dataSource, clock);
    this.advisers = new AdviserService(dataSource, clock);
    this.audit = new AuditService(dataSource);
    this.loginThrottle = new LoginThrottleService(dataSource, clock);
    this.documents = new DocumentService(dataSource, clock, cipher);
    const sqliteFile = dataSource.options.type === 'better-sqlite3' ? String(dataSource.options.database) : '';
    const storage = files?.storage ?? new FolderStorage(defaultFilesDir(sqliteFile ? `sqlite:${sqliteFile}` : ''));
    this.attachments = new AttachmentService(dataSource, clock, storage, files?.scanner ?? acceptAllScanner, files?.maxBytes ?? MAX_ATTACHMENT_BYTES);
    if (events) this.events = events;
    else attachEventBus(dataSource, (this.events = new OutcomeEvents()));
    this.webhooks = new WebhookService(dataSource, clock, cipher);
    this.notifications = new NotificationService(dataSource, clock);
    this.messages = new PartyMessageService(dataSource, clock, cipher);
    this.categories = new CategoryService(dataSource, clock);
    this.poolMediators = new PoolMediatorService(dataSource, clock, cipher);
    this.holidays = new HolidayService(dataSource, clock);
  }

  /** A webhook dispatcher over this database (not started: call `start()`, and `stop()` before `close()`). */
  dispatcher(opts: DispatcherOptions = {}): WebhookDispatcher {
    return new WebhookDispatcher(this.dataSource, this.webhooks, opts);
  }

  /**
   * Remove delivered and dismissed webhook deliveries and unreferenced outbox events older than
   * `retentionDays` (default 90), in batches; dead letters stay. Safe in several processes.
   */
  pruneOutflow(opts: OutflowRetentionOptions = {}): Promise<OutflowPruned> {
    return pruneOutflow(this.dataSource, this.clock, opts);
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

  /**
   * The same database, cipher, files and event bus, with services that read time from `clock`:
   * for a tool that replays the past through the real commands (the demo's seed walks a manual
   * clock over 90 days) while this Tiaojie keeps its own time. Close only this one, not both: they
   * share one connection pool (and on SQLite its single writer, so their commands take turns).
   */
  withClock(clock: Clock): Tiaojie {
    return new Tiaojie(this.dataSource, clock, this.cipher, this.files, this.events);
  }

  /** Whether the database holds no organization and no user yet: a fresh install, which tools such as the demo seed may fill. */
  async isEmpty(): Promise<boolean> {
    return (await this.organizations.count()) === 0 && (await this.users.count()) === 0;
  }

  /** The actor a signed-in user acts as; with `session`, refuses a revoked token. @throws NotFoundError, SessionRevokedError */
  actorFor(userId: number, session?: Session) {
    return this.users.actorFor(userId, session);
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
  const url = opts.url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const ds = await connect(url);
  try {
    const { cipher, seal } = await resolveKeys(ds, opts);
    useHistorySeal(ds, seal);
    const storage = opts.storage ?? new FolderStorage(opts.filesDir ?? defaultFilesDir(url));
    return new Tiaojie(ds, opts.clock ?? systemClock, cipher, { storage, scanner: opts.scanner, maxBytes: opts.maxAttachmentBytes });
  } catch (e) {
    await ds.destroy();
    throw e;
  }
}
