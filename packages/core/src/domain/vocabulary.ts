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

export const CATEGORIES = [
  'marriage_family', // 婚姻家庭
  'neighbourhood', // 邻里
  'contract', // 合同
  'labour', // 劳动/欠薪
  'property_management', // 物业
  'traffic', // 交通事故
  'medical', // 医疗
  'land', // 土地/山林
  'expropriation', // 征地拆迁
  'consumer', // 消费
  'damages', // 损害赔偿
  'other', // 其他
] as const;
export type Category = (typeof CATEGORIES)[number];

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
export const CLOSE_ROUTES = ['agreement', 'litigation', 'court_return', 'guidance'] as const;
export type CloseRoute = (typeof CLOSE_ROUTES)[number];
/** The routes a failed case may be referred on (`refer`): litigation, or back to the delegating court. */
export const REFER_ROUTES = ['litigation', 'court_return'] as const satisfies readonly CloseRoute[];
export type ReferRoute = (typeof REFER_ROUTES)[number];

/** How a follow-up visit (回访) was made. */
export const FOLLOW_UP_METHODS = ['phone', 'visit', 'message'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export const TRANSFER_KINDS = ['transfer', 'escalation'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_STATES = ['pending', 'acknowledged', 'declined', 'cancelled'] as const;
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
