import { EntityManager, IsNull } from 'typeorm';
import { isUniqueViolation } from '../shared/errors';
import { MediationCase } from '../cases/case.entity';
import { DEFAULT_CLASS_THRESHOLD, type WarningKind } from '../domain/warnings';
import { valueZh } from '../domain/value-labels';
import { Organization } from '../organizations/organization.entity';
import { Party } from '../parties/party.entity';
import { ClassThreshold, EarlyWarning, WarningCase, WarningEvent } from './warning.entity';

const DAY_MS = 86_400_000;
const RISKY = ['high', 'critical'];

/** What `appendEvent` tells the detector about the event it just appended. */
export interface AppendedEvent {
  caseId: number;
  action: string;
  at: Date;
  changes: Record<string, { before: unknown; after: unknown }>;
  /** The case row as the command left it, if the caller has it (else read here). */
  case?: MediationCase;
  /** A registration's reads, made before its case number was taken (`readClassesBefore`). */
  prepared?: ClassReads;
}

/** The other cases a new case would join in a class, read before it exists. */
export interface ClassReads {
  threshold: Awaited<ReturnType<typeof thresholdFor>>;
  /** Cases of the same category and area in the window. */
  sameArea: number[];
  /** Per respondent of the new case (in order), the cases against the same respondent in the window. */
  respondents: Array<{ name: string; key: string | null; rows: Array<{ id: number; path: string }> }>;
}

type ClassCase = Pick<MediationCase, 'category' | 'placeOrgId' | 'handlingOrgId'>;
type Respondent = Pick<Party, 'name' | 'idNumberHash' | 'creditCode'>;

/** The class key of a respondent and the column and value that find its other cases; null without an ID number or credit code. */
const respondentKey = (p: Respondent): [string, string, string] | null =>
  p.idNumberHash ? ['id_number_hash', p.idNumberHash, `respondent:id:${p.idNumberHash}`] : p.creditCode ? ['credit_code', p.creditCode, `respondent:org:${p.creditCode}`] : null;

/** Cases of a category and area registered since `since`. */
const sameAreaIds = async (em: EntityManager, c: ClassCase, since: Date) =>
  (
    await em
      .getRepository(MediationCase)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.category = :category', { category: c.category })
      .andWhere('COALESCE(c.place_org_id, c.handling_org_id) = :area', { area: c.placeOrgId ?? c.handlingOrgId })
      .andWhere('c.registered_at >= :since', { since })
      .getRawMany<{ id: number | string }>()
  ).map((r) => Number(r.id));

/** Cases against a respondent (by ID number hash or credit code) registered since `since`. */
const sameRespondent = async (em: EntityManager, column: string, value: string, since: Date) =>
  (
    await em
      .getRepository(MediationCase)
      .createQueryBuilder('c')
      .select('DISTINCT c.id', 'id')
      .addSelect('c.handling_org_path', 'path')
      .innerJoin(Party, 'p', `p.case_id = c.id AND p.role = 'respondent' AND p.${column} = :value`, { value })
      .where('c.registered_at >= :since', { since })
      .getRawMany<{ id: number | string; path: string }>()
  ).map((r) => ({ id: Number(r.id), path: r.path }));

/**
 * What `detectWarnings` reads for a registration, read before the case is written: the command
 * calls it before it takes the case number, so the counter row is not held while these run. In
 * the same transaction, so what they see is what they would have seen after the insert, less the
 * new case, which `detectWarnings` adds.
 */
export async function readClassesBefore(em: EntityManager, c: ClassCase, respondents: Respondent[], at: Date): Promise<ClassReads> {
  const threshold = await thresholdFor(em, c.category);
  const since = new Date(at.getTime() - threshold.windowDays * DAY_MS);
  const out: ClassReads = { threshold, sameArea: await sameAreaIds(em, c, since), respondents: [] };
  for (const p of respondents) {
    const k = respondentKey(p);
    out.respondents.push({ name: p.name, key: k?.[2] ?? null, rows: k ? await sameRespondent(em, k[0], k[1], since) : [] });
  }
  return out;
}

/** The threshold of a category: its own row, else the default row (category null), else the built-in default. */
export async function thresholdFor(em: EntityManager, category: string) {
  const rows = await em.getRepository(ClassThreshold).find({ where: [{ category, active: true }, { category: IsNull(), active: true }] });
  return rows.find((r) => r.category === category) ?? rows.find((r) => r.category === null) ?? DEFAULT_CLASS_THRESHOLD;
}

/** The open warning of a class; `lock` reads the latest committed row (under a lock), not the transaction's snapshot. */
const openOf = (em: EntityManager, classKey: string, lock = false) => {
  const qb = em.getRepository(EarlyWarning).createQueryBuilder('w').where('w.open_key = :classKey', { classKey });
  return (lock && em.connection.options.type === 'mysql' ? qb.setLock('pessimistic_write') : qb).getOne();
};

/**
 * Raise a warning for a class key, or grow the open one; record it in the warning's history. Two
 * commands raising one class at once meet at the unique `open_key`: the one that loses the insert
 * joins the warning the other opened.
 */
async function raise(em: EntityManager, w: { kind: WarningKind; classKey: string; organizationId: number; category: string | null; caseIds: number[]; caseId: number; title: string; at: Date }) {
  const repo = em.getRepository(EarlyWarning);
  let open = await openOf(em, w.classKey);
  let warningId = open?.id ?? 0;
  if (!open) {
    try {
      const r = await repo.insert({ kind: w.kind, classKey: w.classKey, openKey: w.classKey, organizationId: w.organizationId, category: w.category, caseId: w.caseId, caseCount: w.caseIds.length, title: w.title, state: 'open', ownerId: null, reason: null, createdAt: w.at, updatedAt: w.at, version: 1 });
      warningId = Number(r.identifiers[0].id);
    } catch (e) {
      // Another command opened this class's warning in between (it committed first): grow that one.
      if (!isUniqueViolation(e)) throw e;
      open = await openOf(em, w.classKey, true);
      if (!open) throw e;
      warningId = open.id;
    }
  }
  if (!open) {
    await em.getRepository(WarningCase).createQueryBuilder().insert().values(w.caseIds.map((caseId) => ({ warningId, caseId }))).orIgnore().execute();
    await em.getRepository(WarningEvent).insert({ warningId, action: 'raise', actorId: null, actorName: '系统', at: w.at, note: w.title });
    return;
  }
  const known = new Set((await em.getRepository(WarningCase).findBy({ warningId })).map((x) => x.caseId));
  const added = w.caseIds.filter((id) => !known.has(id));
  if (!added.length) return;
  // Two commands of one class at once may both add the same case: the unique pair keeps one.
  await em.getRepository(WarningCase).createQueryBuilder().insert().values(added.map((caseId) => ({ warningId, caseId }))).orIgnore().execute();
  // Counted in the statement (a locking read on MariaDB), so a concurrent grower's cases count too.
  const count = () => `(SELECT COUNT(*) FROM warning_cases WHERE warning_id = ${Number(warningId)})`;
  await repo.createQueryBuilder().update(EarlyWarning).set({ caseCount: count, caseId: w.caseId, title: w.title, updatedAt: w.at, version: () => 'version + 1' }).where('id = :id', { id: warningId }).execute();
  const total = (await repo.findOneByOrFail({ id: warningId })).caseCount;
  await em.getRepository(WarningEvent).insert({ warningId, action: 'grow', actorId: null, actorName: '系统', at: w.at, note: `新增案件 ${added.length} 件，共 ${total} 件` });
}

/** The deepest organization whose subtree holds every path. */
function commonOrg(paths: string[]): number {
  const parts = paths.map((p) => p.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0][i]); i++) common.push(parts[0][i]);
  return Number(common[common.length - 1] ?? parts[0][0]);
}

/**
 * Raise the warnings an appended event calls for, in its transaction: a registration or a change
 * of category can complete a class (same category and area, or same respondent, within the
 * category's window); a registration or a change of risk to high or critical warns at once, and
 * so does a risk of turning criminal (民转刑) reported at registration or by `reportCriminalRisk`.
 */
export async function detectWarnings(em: EntityManager, e: AppendedEvent): Promise<void> {
  const registered = e.action === 'register';
  const riskUp = RISKY.includes(String(e.changes?.risk?.after ?? '')) && !RISKY.includes(String(e.changes?.risk?.before ?? ''));
  const categoryChanged = e.changes?.category !== undefined;
  const reported = e.action === 'reportCriminalRisk';
  if (!registered && !riskUp && !categoryChanged && !reported) return;
  const c = e.case ?? (await em.getRepository(MediationCase).findOneBy({ id: e.caseId }));
  if (!c) return;
  const criminal = reported || (registered && c.criminalRisk);

  if (criminal) {
    await raise(em, { kind: 'criminal_risk', classKey: `criminal:${c.id}`, organizationId: c.handlingOrgId, category: c.category, caseIds: [c.id], caseId: c.id, title: `${c.caseNumber} 民转刑风险：${c.title}`.slice(0, 200), at: e.at });
  }

  if (riskUp || (registered && RISKY.includes(c.risk))) {
    await raise(em, { kind: 'high_risk', classKey: `case:${c.id}`, organizationId: c.handlingOrgId, category: c.category, caseIds: [c.id], caseId: c.id, title: `${c.caseNumber} ${valueZh('risk', c.risk)}：${c.title}`.slice(0, 200), at: e.at });
  }
  if (!registered && !categoryChanged) return;

  const t = e.prepared?.threshold ?? (await thresholdFor(em, c.category));
  const since = new Date(e.at.getTime() - t.windowDays * DAY_MS);
  const area = c.placeOrgId ?? c.handlingOrgId;
  // Read before the case existed: the case itself joins its class.
  const sameArea = e.prepared ? [...e.prepared.sameArea.filter((id) => id !== c.id), c.id] : await sameAreaIds(em, c, since);
  if (sameArea.length >= t.areaCases) {
    const org = await em.getRepository(Organization).findOneBy({ id: area });
    await raise(em, {
      kind: 'class_area', classKey: `area:${area}:${c.category}`, organizationId: area, category: c.category,
      caseIds: sameArea, caseId: c.id, at: e.at,
      title: `${org?.name ?? ''}${t.windowDays}日内${valueZh('category', c.category)}${sameArea.length}件`.slice(0, 200),
    });
  }
  if (!registered) return;

  const respondents: ClassReads['respondents'] = [];
  if (e.prepared) {
    for (const r of e.prepared.respondents) respondents.push({ ...r, rows: r.key ? [...r.rows.filter((x) => x.id !== c.id), { id: c.id, path: c.handlingOrgPath }] : [] });
  } else {
    const parties = await em.getRepository(Party).createQueryBuilder('p').addSelect('p.idNumberHash').where('p.caseId = :id AND p.role = :role', { id: c.id, role: 'respondent' }).getMany();
    for (const p of parties) {
      const k = respondentKey(p);
      respondents.push({ name: p.name, key: k?.[2] ?? null, rows: k ? await sameRespondent(em, k[0], k[1], since) : [] });
    }
  }
  for (const r of respondents) {
    if (!r.key || r.rows.length < t.respondentCases) continue;
    await raise(em, {
      kind: 'class_respondent', classKey: r.key, organizationId: commonOrg(r.rows.map((x) => x.path)), category: null,
      caseIds: r.rows.map((x) => x.id), caseId: c.id, at: e.at,
      title: `同一被申请人“${r.name}”${t.windowDays}日内涉及纠纷${r.rows.length}件`.slice(0, 200),
    });
  }
}
