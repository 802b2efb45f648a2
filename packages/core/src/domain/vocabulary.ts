/**
 * The words of the domain, as data. Every enum the entities, the lifecycle, the API and the
 * admin use comes from here, so a new value is added in one place. Like everything under
 * `domain/`, this file imports nothing (no node, no npm): the admin's browser bundle uses it
 * through `@tiaojie/core/domain`. Chinese names of the values live in docs/glossary.md and in
 * the admin's i18n files.
 */

export const ROLES = ['admin', 'clerk', 'mediator', 'adviser', 'grid', 'liaison', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_TYPES = [
  'county', // 县/区 矛调中心
  'township', // 乡镇/街道
  'village', // 村/社区
  'grid', // 网格
  'specialized', // 行业性专业性调解组织
  'channel', // 渠道对接机构: 诉调对接工作室, 公调对接室 …
  'department', // 政府职能部门 (三事分流 major cases go here)
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const CHANNELS = ['court', 'procuratorate', 'police', 'government', 'petition', 'walk_in', 'hotline', 'grid'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels whose cases arrive from another system with that system's own reference. */
export const LINKED_CHANNELS: readonly Channel[] = ['court', 'procuratorate', 'police', 'government', 'petition'];

/**
 * The default dispute categories (纠纷类型), seeded into the `dispute_categories` table. The list a
 * deployment uses is data an admin maintains (`DisputeCategory`); a case keeps the category's code,
 * checked against the table's active codes, so `Category` is any such code.
 */
export const CATEGORIES = [
  'marriage_family', // 婚姻家庭
  'neighbourhood', // 邻里
  'homestead', // 房屋宅基地
  'contract', // 合同
  'production', // 生产经营
  'damages', // 损害赔偿
  'labour', // 劳动争议
  'wage_arrears', // 欠薪
  'village_affairs', // 村务管理
  'land', // 土地/山林权属
  'expropriation', // 征地拆迁
  'environment', // 环境污染
  'traffic', // 道路交通事故
  'medical', // 医疗
  'property_management', // 物业
  'consumer', // 消费
  'other', // 其他
] as const;
/** A dispute category's code (a row of `dispute_categories`; the defaults are `CATEGORIES`). */
export type Category = string;

/**
 * The justice administration's statistics categories (司法行政统计 人民调解案件纠纷类型) each
 * deployment category maps to. Referral rules key on them (a labour dispute goes to arbitration
 * first, whatever a deployment calls its category).
 */
export const STATS_CATEGORIES = [
  'marriage_family', 'neighbourhood', 'homestead', 'contract', 'production', 'damages', 'labour', 'wage_arrears', 'village_affairs',
  'land', 'expropriation', 'environment', 'traffic', 'medical', 'property_management', 'consumer', 'other',
] as const;
export type StatsCategory = (typeof STATS_CATEGORIES)[number];

/** 来源方式 (人民调解法 第17条 application or own initiative; 第18条 referral by a court, the police …). */
export const CASE_SOURCES = ['application', 'own_initiative', 'referral'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** 调解类型: people's, administrative, sector/professional, court-delegated before filing (委派) or entrusted after (委托). */
export const MEDIATION_TYPES = ['people', 'administrative', 'sector', 'court_delegated', 'court_entrusted'] as const;
export type MediationType = (typeof MEDIATION_TYPES)[number];

/** 书面协议 (人民调解法 第28条, 第29条) or 口头协议 (第28条, effective when reached 第30条). */
export const AGREEMENT_KINDS = ['written', 'oral'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** Who signs a written agreement (第29条: the parties, the mediator, the committee's seal). */
export const SIGNATORY_ROLES = ['party', 'mediator', 'pool_mediator', 'committee_seal'] as const;
export type SignatoryRole = (typeof SIGNATORY_ROLES)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/** 委托代理人's authority: general (一般授权) or special (特别授权: to admit, waive, settle). */
export const AGENT_AUTHORITIES = ['general', 'special'] as const;
export type AgentAuthority = (typeof AGENT_AUTHORITIES)[number];

/** The parties' answer when asked whether they accept mediation (第17条, 第23条). */
export const CONSENT_STATES = ['given', 'refused'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** People in the mediator pool outside the staff: 五老, 乡贤, lawyers, volunteers, counsellors. */
export const POOL_MEDIATOR_KINDS = ['elder', 'sage', 'lawyer', 'volunteer', 'counsellor', 'other'] as const;
export type PoolMediatorKind = (typeof POOL_MEDIATOR_KINDS)[number];

/** Limits count calendar days or working days (the holiday calendar with 调休 make-up days). */
export const DAY_KINDS = ['calendar', 'working'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
/** A calendar entry: a public holiday on a weekday, or a make-up working day (调休) on a weekend. */
export const HOLIDAY_KINDS = ['holiday', 'workday'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** 三事分流 */
export const TRIAGE_CLASSES = ['major', 'minor', 'private'] as const;
export type Triage = (typeof TRIAGE_CLASSES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const CASE_STATUSES = [
  'registered',
  'accepted',
  'rejected',
  'assigned',
  'mediating',
  'suspended',
  'settled',
  'failed',
  'closed',
  'archived',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which the case is still being worked on (the clock may run, it can be transferred). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['registered', 'accepted', 'assigned', 'mediating', 'suspended', 'settled', 'failed'];

export const PARTY_ROLES = ['applicant', 'respondent', 'third_party'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const PARTY_KINDS = ['person', 'organization'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const PERFORMANCE_STATES = ['performed', 'partly', 'not_performed'] as const;
export type PerformanceState = (typeof PERFORMANCE_STATES)[number];

export const CONFIRMATION_STATES = ['applied', 'confirmed', 'rejected'] as const;
export type ConfirmationState = (typeof CONFIRMATION_STATES)[number];

export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

/** How a case left the center's hands when it closed. */
export const CLOSE_ROUTES = ['agreement', 'litigation', 'court_return', 'arbitration', 'administrative', 'guidance', 'court_mediation', 'administrative_handling'] as const;
export type CloseRoute = (typeof CLOSE_ROUTES)[number];
/**
 * The routes a failed case may be referred on (`refer`, 人民调解法 第26条: 仲裁、行政、司法等途径):
 * litigation, back to the delegating court, labour arbitration, administrative handling.
 */
export const REFER_ROUTES = ['litigation', 'court_return', 'arbitration', 'administrative'] as const satisfies readonly CloseRoute[];
export type ReferRoute = (typeof REFER_ROUTES)[number];

/** How a follow-up visit (回访) was made. */
export const FOLLOW_UP_METHODS = ['phone', 'visit', 'message'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export const TRANSFER_KINDS = ['transfer', 'escalation'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_STATES = ['pending', 'acknowledged', 'cancelled'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/** 以案定补 complexity classes */
export const COMPLEXITY_LEVELS = ['simple', 'ordinary', 'difficult', 'major'] as const;
export type Complexity = (typeof COMPLEXITY_LEVELS)[number];

export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

/** Clock stages: which limit the case's deadline currently measures. */
export const CLOCK_STAGES = ['acceptance', 'mediation', 'follow_up'] as const;
export type ClockStage = (typeof CLOCK_STAGES)[number];

export const SUPERVISION_STATES = ['open', 'closed'] as const;
export type SupervisionState = (typeof SUPERVISION_STATES)[number];
