import { DataSource } from 'typeorm';
import { applyCaseFilters, type CaseFilter } from '../cases/case-query';
import type { CaseService } from '../cases/case.service';
import type { Actor } from '../cases/lifecycle';
import { Organization } from '../organizations/organization.entity';
import { Clock } from '../shared/clock';
import { PersonalDataCipher } from '../shared/personal-data';
import { User } from '../users/user.entity';

/** One case as an export row: the list's columns, names resolved. */
export interface CaseExportRow {
  id: number;
  caseNumber: string;
  title: string;
  channel: string;
  category: string;
  status: string;
  risk: string;
  triage: string | null;
  amountFen: number | null;
  peopleCount: number;
  handlingOrgName: string;
  mediatorName: string | null;
  registeredAt: Date;
  acceptedAt: Date | null;
  settledAt: Date | null;
  closedAt: Date | null;
  deadlineAt: Date | null;
}

/** The columns of a case export, in order, with their Chinese headers. */
export const CASE_EXPORT_COLUMNS: ReadonlyArray<{ key: keyof CaseExportRow; zh: string }> = [
  { key: 'caseNumber', zh: '案号' }, { key: 'title', zh: '案件标题' }, { key: 'channel', zh: '来源渠道' }, { key: 'category', zh: '纠纷类型' },
  { key: 'status', zh: '状态' }, { key: 'risk', zh: '风险等级' }, { key: 'triage', zh: '分流类别' }, { key: 'amountFen', zh: '标的额（元）' },
  { key: 'peopleCount', zh: '涉及人数' }, { key: 'handlingOrgName', zh: '承办组织' }, { key: 'mediatorName', zh: '调解员' },
  { key: 'registeredAt', zh: '登记时间' }, { key: 'acceptedAt', zh: '受理时间' }, { key: 'settledAt', zh: '调解成功时间' },
  { key: 'closedAt', zh: '结案时间' }, { key: 'deadlineAt', zh: '办理期限' },
];

/** Exports read page by page (keyset on id), so a list of any length never sits in memory at once. */
export class ExportService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
    private readonly caseService: CaseService,
  ) {}

  /**
   * The cases the actor may see under the list's filters (the same filters as `cases.list`), in
   * id order, a page at a time. @throws ValidationError on a filter
   */
  async *cases(actor: Actor, filter: CaseFilter = {}, pageSize = 1000): AsyncGenerator<CaseExportRow[]> {
    const now = this.clock.now();
    // Validate before the first row, so a bad filter is a 400 and not a broken download.
    applyCaseFilters(this.caseService.scoped(this.ds.manager, actor), 'c', filter, now, this.cipher);
    const orgNames = new Map<number, string>();
    const userNames = new Map<number, string>();
    let lastId = 0;
    for (;;) {
      const qb = this.caseService.scoped(this.ds.manager, actor);
      applyCaseFilters(qb, 'c', filter, now, this.cipher);
      const rows = await qb.andWhere('c.id > :lastId', { lastId }).orderBy('c.id', 'ASC').take(pageSize).getMany();
      if (!rows.length) return;
      lastId = rows[rows.length - 1].id;
      const missingOrgs = [...new Set(rows.map((r) => r.handlingOrgId))].filter((id) => !orgNames.has(id));
      if (missingOrgs.length) for (const o of await this.ds.getRepository(Organization).createQueryBuilder('o').select(['o.id', 'o.name']).where('o.id IN (:...ids)', { ids: missingOrgs }).getMany()) orgNames.set(o.id, o.name);
      const missingUsers = [...new Set(rows.map((r) => r.mediatorId).filter((x): x is number => x != null))].filter((id) => !userNames.has(id));
      if (missingUsers.length) for (const u of await this.ds.getRepository(User).createQueryBuilder('u').select(['u.id', 'u.displayName']).where('u.id IN (:...ids)', { ids: missingUsers }).getMany()) userNames.set(u.id, u.displayName);
      yield rows.map((r) => ({
        id: r.id, caseNumber: r.caseNumber, title: r.title, channel: r.channel, category: r.category, status: r.status, risk: r.risk, triage: r.triage,
        amountFen: r.amountFen, peopleCount: r.peopleCount, handlingOrgName: orgNames.get(r.handlingOrgId) ?? '', mediatorName: r.mediatorId ? (userNames.get(r.mediatorId) ?? null) : null,
        registeredAt: r.registeredAt, acceptedAt: r.acceptedAt, settledAt: r.settledAt, closedAt: r.closedAt, deadlineAt: r.deadlineAt,
      }));
      if (rows.length < pageSize) return;
    }
  }
}
