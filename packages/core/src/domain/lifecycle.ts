/**
 * The case lifecycle as data: which action may run from which status, for which role in which
 * relation to the case, under which guards, and where it leads. Pure: no database, no clock.
 * The same table answers "may I?", lists "what can I do now?", drives the admin's buttons and
 * is drawn in docs/lifecycle.md. Imports nothing outside `domain/`, so the admin uses it too.
 */
import type { CaseStatus, Channel, CloseRoute, ConfirmationState, ConsentState, PerformanceState, Role, Triage } from './vocabulary';
import { OPEN_STATUSES } from './vocabulary';

/** What the lifecycle needs to know about a case. */
export interface CaseFacts {
  status: CaseStatus;
  channel: Channel;
  triage: Triage | null;
  placeOrgId: number | null;
  sourceOrgId: number | null;
  /** Lead mediator and co-mediators. */
  mediatorIds: number[];
  /** Legal advisers who joined the case. */
  adviserIds: number[];
  supervised: boolean;
  extended: boolean;
  followedUp: boolean;
  performance: PerformanceState | null;
  closeRoute: CloseRoute | null;
  /** State of the latest judicial confirmation, if one was applied for. */
  confirmation: ConfirmationState | null;
  /** Materialized path of the handling organization: its subtree (and those above) handle the case. */
  handlingOrgPath: string;
  /** Materialized path of the organization a pending transfer or escalation goes to. */
  pendingTransferToPath: string | null;
  /** Whether the handling organization has a parent to escalate to. */
  handlingOrgHasParent: boolean;
  /** The parties' answer to mediation, once recorded (人民调解法 第17条). */
  consent?: ConsentState | null;
  /** Whether an application for enforcement was recorded. */
  enforcementApplied?: boolean;
}

/** Who asks. */
export interface Actor {
  id: number;
  name: string;
  roles: Role[];
  organizationId: number;
  /** Materialized path of the actor's organization (`/1/4/`). */
  orgPath: string;
  /** For legal advisers: the villages they serve now, and the grids in them. */
  villageIds?: number[];
}

/**
 * How a role must stand to the case to use it for an action (the data scope is checked
 * before the lifecycle is asked: a case outside it is simply not found).
 * - `scope`: anyone of the role in the handling organization or above it (not the receiver of a
 *   pending transfer before it acknowledges, nor a sender after it handed the case over: both
 *   see the case, read-only);
 * - `assigned`: a mediator of the case;
 * - `adviser`: a legal adviser who joined the case or serves its village;
 * - `receiver`: a member of the organization a pending transfer goes to;
 * - `source`: a liaison of the channel body that sent the case.
 */
export type Relation = 'scope' | 'assigned' | 'adviser' | 'receiver' | 'source';

/** A reason an action is refused, with a stable code and words for people. */
export interface Reason {
  code: string;
  message: { zh: string; en: string };
}

export type Guard = (c: CaseFacts) => Reason | null;

export interface ActionRule {
  from: readonly CaseStatus[];
  /** The status after the action; `null` keeps the current status. */
  to: CaseStatus | null;
  roles: Partial<Record<Role, Relation>>;
  guards?: readonly Guard[];
  /** Whether the action changes the case's handling (and so its list of allowed actions). */
  description: { zh: string; en: string };
}

/** A reason with its code and both languages' words. */
export const reason = (code: string, zh: string, en: string): Reason => ({ code, message: { zh, en } });

// Guards: small pure functions, each citing the rule it enforces.
const notSupervised: Guard = (c) => (c.supervised ? reason('CASE.ALREADY_SUPERVISED', '案件已在督办中', 'The case is already under supervision') : null);
const supervised: Guard = (c) => (c.supervised ? null : reason('CASE.NOT_SUPERVISED', '案件没有进行中的督办', 'The case is not under supervision'));
/** The mediation limit may be extended once, by agreement of the parties. */
const notExtended: Guard = (c) => (c.extended ? reason('CASE.ALREADY_EXTENDED', '调解期限只能延长一次，已经延长过', 'The deadline can be extended only once and already was') : null);
/** A settled case closes after its follow-up visit (回访). */
const followedUp: Guard = (c) =>
  c.status !== 'settled' || c.followedUp ? null : reason('CASE.FOLLOW_UP_MISSING', '结案前需要完成回访', 'A follow-up visit is needed before closing');
/** Only a private matter (私事) closes straight from acceptance, with guidance given. */
const privateIfAccepted: Guard = (c) =>
  c.status !== 'accepted' || c.triage === 'private'
    ? null
    : reason('CASE.NOT_PRIVATE', '只有分流为私事的案件可以在受理后直接结案', 'Only a case triaged as private can close straight after acceptance');
const pendingTransfer: Guard = (c) =>
  c.pendingTransferToPath ? null : reason('CASE.NO_PENDING_TRANSFER', '案件没有待签收的移交', 'The case has no pending transfer');
const hasParent: Guard = (c) =>
  c.handlingOrgHasParent ? null : reason('CASE.NO_PARENT_ORG', '承办组织没有上级组织，无法上提', 'The handling organization has no parent to escalate to');
/**
 * Mediation starts again on an agreement the court refused to confirm (人民调解法 第33条: the
 * parties may change it by mediation, or go to court), or on a closed, unconfirmed agreement
 * that was not (fully) performed. A confirmed agreement is enforced instead (民事诉讼法 第206条).
 */
const reopenable: Guard = (c) => {
  if (c.confirmation === 'rejected') return null;
  if (c.confirmation === 'confirmed') {
    return reason('CASE.AGREEMENT_CONFIRMED', '协议已经司法确认，未履行的应申请强制执行，不重新调解', 'A confirmed agreement that is not performed goes to enforcement, not back to mediation');
  }
  if (c.status !== 'closed') return reason('CASE.CONFIRMATION_NOT_REJECTED', '只有司法确认被驳回的协议可以在结案前重新调解', 'Before closing, only an agreement the court refused to confirm is mediated again');
  return c.closeRoute === 'agreement' && (c.performance === 'not_performed' || c.performance === 'partly')
    ? null
    : reason('CASE.AGREEMENT_PERFORMED', '只有协议未履行或部分履行的案件可以重新启动', 'Only a case whose agreement was not (fully) performed can be reopened');
};
/** 民事诉讼法 第206条: a confirmed agreement that one side does not (fully) perform may be enforced. */
const confirmedUnperformed: Guard = (c) => {
  if (c.confirmation !== 'confirmed') return reason('CASE.NOT_CONFIRMED', '只有经司法确认的协议可以申请强制执行', 'Only a judicially confirmed agreement can be enforced');
  if (c.performance !== 'not_performed' && c.performance !== 'partly') return reason('CASE.AGREEMENT_PERFORMED', '协议已履行，无需申请强制执行', 'The agreement was performed; there is nothing to enforce');
  return c.enforcementApplied ? reason('CASE.ENFORCEMENT_EXISTS', '已申请强制执行', 'Enforcement has been applied for already') : null;
};
/** After failure (第26条), or when the court refused to confirm the agreement (第33条: the parties may go to court). */
const referable: Guard = (c) =>
  c.status === 'failed' || c.confirmation === 'rejected'
    ? null
    : reason('CASE.NOT_REFERABLE', '只有调解不成或司法确认被驳回的案件可以引导诉讼', 'Only a failed case, or one whose agreement the court refused to confirm, is referred');
/** Only a major matter (大事) is answered by a department's administrative handling. */
const majorMatter: Guard = (c) => (c.triage === 'major' ? null : reason('CASE.NOT_MAJOR', '只有分流为大事的案件由承办部门行政处理答复', 'Only a major matter is answered by administrative handling'));
/** A court 调解书 ends only a case the court referred. */
const fromCourt: Guard = (c) => (c.channel === 'court' ? null : reason('CASE.NOT_FROM_COURT', '只有法院委派、委托的案件可以以法院调解书结案', 'Only a court-referred case ends in a court mediation document'));
/** Performance and confirmation concern an agreement: a settled case, or one closed on its agreement. */
const agreementReached: Guard = (c) =>
  c.status === 'settled' || c.closeRoute === 'agreement' ? null : reason('CASE.NO_AGREEMENT', '案件没有调解协议', 'The case has no mediation agreement');
/** Judicial confirmation: one application at a time; a rejected one may be followed by another. */
const noOpenConfirmation: Guard = (c) =>
  c.confirmation === 'applied' || c.confirmation === 'confirmed'
    ? reason('CASE.CONFIRMATION_EXISTS', '已申请司法确认', 'Judicial confirmation has already been applied for')
    : null;
const confirmationApplied: Guard = (c) =>
  c.confirmation === 'applied' ? null : reason('CASE.CONFIRMATION_NOT_APPLIED', '没有待裁定的司法确认申请', 'No judicial confirmation application is waiting for a ruling');

/** 人民调解法 第17条: where one party refuses mediation, there is none (第23条: a party may ask to end it). */
const consentNotRefused: Guard = (c) =>
  c.consent === 'refused' ? reason('CASE.CONSENT_REFUSED', '当事人一方明确拒绝调解，不得调解（人民调解法第17条）', 'A party refused mediation; there is no mediation (People\'s Mediation Law art. 17)') : null;

const ACTIVE: readonly CaseStatus[] = ['accepted', 'assigned', 'mediating', 'suspended'];
const HANDOVER_FROM: readonly CaseStatus[] = ['accepted', 'assigned', 'mediating', 'suspended', 'failed'];
const BEFORE_RESULT: readonly CaseStatus[] = ['registered', 'accepted', 'assigned', 'mediating', 'suspended'];
const desk = { clerk: 'scope', admin: 'scope' } as const;
const handler = { ...desk, mediator: 'assigned' } as const;
/** Who answers a hand-over for the receiving organization (and so who makes it a valid target). */
const receiver = { clerk: 'receiver', admin: 'receiver', mediator: 'receiver' } as const;

/** The lifecycle. Order is the order actions are offered in. */
export const ACTIONS = {
  accept: { from: ['registered'], to: 'accepted', roles: desk, description: { zh: '受理', en: 'Accept' } },
  reject: { from: ['registered'], to: 'rejected', roles: desk, description: { zh: '不予受理', en: 'Reject' } },
  assign: { from: ['accepted'], to: 'assigned', roles: desk, description: { zh: '分派', en: 'Assign' } },
  reassign: { from: ['assigned', 'mediating', 'suspended'], to: null, roles: desk, description: { zh: '改派', en: 'Reassign' } },
  recordConsent: { from: BEFORE_RESULT, to: null, roles: handler, description: { zh: '登记调解意愿', en: 'Record consent to mediation' } },
  startMediation: {
    from: ['assigned'],
    to: 'mediating',
    roles: { mediator: 'assigned', admin: 'scope' },
    guards: [consentNotRefused],
    description: { zh: '开始调解', en: 'Start mediation' },
  },
  recordSession: { from: ['mediating'], to: null, roles: { mediator: 'assigned', adviser: 'adviser' }, guards: [consentNotRefused], description: { zh: '记录调解', en: 'Record a session' } },
  suspend: { from: ['mediating'], to: 'suspended', roles: { mediator: 'assigned', admin: 'scope' }, description: { zh: '中止', en: 'Suspend' } },
  resume: { from: ['suspended'], to: 'mediating', roles: { mediator: 'assigned', admin: 'scope' }, guards: [consentNotRefused], description: { zh: '恢复', en: 'Resume' } },
  extendDeadline: {
    from: ['mediating', 'suspended'],
    to: null,
    roles: { mediator: 'assigned', admin: 'scope' },
    guards: [notExtended],
    description: { zh: '延长期限', en: 'Extend deadline' },
  },
  settle: { from: ['mediating'], to: 'settled', roles: { mediator: 'assigned' }, guards: [consentNotRefused], description: { zh: '调解成功', en: 'Settle' } },
  fail: { from: ['mediating'], to: 'failed', roles: { mediator: 'assigned' }, description: { zh: '调解不成', en: 'Mediation failed' } },
  /**
   * The system, never a person: a mediating case of a category whose rule says so fails when its
   * limit passes without agreement (医疗纠纷预防和处理条例 第38条). A suspended case's clock is
   * paused (appraisal time is excluded), so only a mediating case can lapse. Run by the light sweep.
   */
  lapse: { from: ['mediating'], to: 'failed', roles: {}, description: { zh: '超期视为调解不成', en: 'Lapsed: past the limit, mediation failed' } },
  recordPerformance: {
    from: ['settled', 'closed'],
    to: null,
    roles: handler,
    guards: [agreementReached],
    description: { zh: '登记履行', en: 'Record performance' },
  },
  applyConfirmation: {
    from: ['settled', 'closed'],
    to: null,
    roles: handler,
    guards: [agreementReached, noOpenConfirmation],
    description: { zh: '申请司法确认', en: 'Apply for judicial confirmation' },
  },
  recordConfirmation: {
    from: ['settled', 'closed'],
    to: null,
    roles: handler,
    guards: [confirmationApplied],
    description: { zh: '登记确认结果', en: 'Record the ruling' },
  },
  handleAdministratively: {
    from: ACTIVE,
    to: 'closed',
    roles: handler,
    guards: [majorMatter],
    description: { zh: '行政处理答复', en: 'Answer by administrative handling' },
  },
  applyEnforcement: {
    from: ['settled', 'closed'],
    to: null,
    roles: handler,
    guards: [confirmedUnperformed],
    description: { zh: '登记申请强制执行', en: 'Record the application for enforcement' },
  },
  followUp: { from: ['settled'], to: null, roles: handler, description: { zh: '回访', en: 'Follow up' } },
  close: { from: ['settled', 'accepted'], to: 'closed', roles: handler, guards: [followedUp, privateIfAccepted], description: { zh: '结案', en: 'Close' } },
  closeByCourtDocument: { from: ['settled'], to: 'closed', roles: handler, guards: [fromCourt], description: { zh: '法院出具调解书结案', en: 'Close on the court’s mediation document' } },
  refer: { from: ['failed', 'settled', 'closed'], to: 'closed', roles: handler, guards: [referable], description: { zh: '引导诉讼/仲裁/行政处理/退回法院', en: 'Refer (litigation, arbitration, administration, back to court)' } },
  transfer: { from: HANDOVER_FROM, to: null, roles: handler, description: { zh: '移交', en: 'Transfer' } },
  escalate: { from: HANDOVER_FROM, to: null, roles: handler, guards: [hasParent], description: { zh: '上提一级', en: 'Escalate' } },
  acknowledge: {
    from: HANDOVER_FROM,
    to: 'accepted',
    roles: receiver,
    guards: [pendingTransfer],
    description: { zh: '签收', en: 'Acknowledge' },
  },
  /** The receiver refuses a hand-over, with its reason: the case stays with the sender, who may send it elsewhere. */
  declineTransfer: {
    from: HANDOVER_FROM,
    to: null,
    roles: receiver,
    guards: [pendingTransfer],
    description: { zh: '退回移交', en: 'Decline the transfer' },
  },
  inviteAdviser: { from: ACTIVE, to: null, roles: handler, description: { zh: '邀请法律顾问', en: 'Invite legal adviser' } },
  giveOpinion: {
    from: [...ACTIVE, 'settled', 'failed'],
    to: null,
    roles: { adviser: 'adviser' },
    description: { zh: '出具法律意见', en: 'Give legal opinion' },
  },
  assessRisk: {
    from: OPEN_STATUSES,
    to: null,
    roles: { ...handler, leader: 'scope' },
    description: { zh: '评估风险', en: 'Assess risk' },
  },
  /**
   * 人民调解法 第25条: a dispute that may turn criminal (民转刑) calls for measures to prevent it
   * and a report to the police; the case records both, keeps the fact and is at least high risk.
   */
  reportCriminalRisk: {
    from: OPEN_STATUSES,
    to: null,
    roles: { ...handler, leader: 'scope' },
    description: { zh: '报告民转刑风险', en: 'Report risk of turning criminal' },
  },
  edit: { from: BEFORE_RESULT, to: null, roles: handler, description: { zh: '修改案情', en: 'Edit facts' } },
  editParty: { from: BEFORE_RESULT, to: null, roles: handler, description: { zh: '增改当事人', en: 'Add or correct a party' } },
  withdraw: {
    from: BEFORE_RESULT,
    to: 'withdrawn',
    roles: { ...handler, liaison: 'source' },
    description: { zh: '撤回', en: 'Withdraw' },
  },
  reopen: { from: ['settled', 'closed'], to: 'mediating', roles: handler, guards: [reopenable], description: { zh: '重新启动', en: 'Reopen' } },
  archive: { from: ['closed', 'rejected', 'withdrawn'], to: 'archived', roles: desk, description: { zh: '归档', en: 'Archive' } },
  openSupervision: {
    from: ['registered', 'accepted', 'assigned', 'mediating', 'suspended', 'settled', 'failed', 'closed', 'rejected', 'withdrawn'],
    to: null,
    roles: { leader: 'scope', admin: 'scope' },
    guards: [notSupervised],
    description: { zh: '督办', en: 'Supervise' },
  },
  closeSupervision: {
    from: ['registered', 'accepted', 'assigned', 'mediating', 'suspended', 'settled', 'failed', 'closed', 'rejected', 'withdrawn', 'archived'],
    to: null,
    roles: { leader: 'scope', admin: 'scope' },
    guards: [supervised],
    description: { zh: '办结督办', en: 'Close supervision' },
  },
} as const satisfies Record<string, ActionRule>;

export type ActionName = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];
export const isActionName = (s: unknown): s is ActionName => typeof s === 'string' && Object.prototype.hasOwnProperty.call(ACTIONS, s);

export type Verdict = { ok: true } | { ok: false; reason: Reason };


/** Whether the actor stands to the case as the relation asks. */
export function relates(c: CaseFacts, who: Actor, relation: Relation): boolean {
  switch (relation) {
    case 'scope':
      // Seeing a case is not handling it: a receiver before 签收 and a sender after it only read.
      return c.handlingOrgPath.startsWith(who.orgPath);
    case 'assigned':
      return c.mediatorIds.includes(who.id);
    case 'adviser':
      return c.adviserIds.includes(who.id) || (c.placeOrgId !== null && (who.villageIds ?? []).includes(c.placeOrgId));
    case 'receiver':
      // The receiving organization itself: neither the sender above it nor an office below it signs for it.
      return c.pendingTransferToPath !== null && who.orgPath === c.pendingTransferToPath;
    case 'source':
      return c.sourceOrgId !== null && c.sourceOrgId === who.organizationId;
  }
}

/** Why an actor's role or relation to the case refuses an action (answered 403, not 409). */
export const ROLE_REASON: Record<Relation | 'role', Reason> = {
  role: reason('CASE.ROLE_NOT_ALLOWED', '您的角色不能执行此操作', 'Your role may not do this'),
  scope: reason('CASE.NOT_HANDLING', '案件不由您所在的组织承办，只能查看', 'Your organization does not handle this case: you may only read it'),
  assigned: reason('CASE.NOT_ASSIGNED', '只有本案的调解员可以执行此操作', 'Only a mediator of this case may do this'),
  adviser: reason('CASE.NOT_ADVISER', '只有参与本案或服务该村的法律顾问可以执行此操作', 'Only a legal adviser of this case or its village may do this'),
  receiver: reason('CASE.NOT_RECEIVER', '只有接收组织可以签收或退回移交', 'Only the receiving organization may acknowledge or decline'),
  source: reason('CASE.NOT_SOURCE', '只有送案渠道可以撤回', 'Only the sending channel may withdraw'),
};

/**
 * May this actor run this action on this case now? Answers why not: the status, the role, a guard,
 * or the actor's relation to the case.
 */
export function check(c: CaseFacts, who: Actor, action: ActionName): Verdict {
  const rule: ActionRule = ACTIONS[action];
  if (!rule.from.includes(c.status)) {
    return {
      ok: false,
      reason: reason('CASE.WRONG_STATUS', `案件当前状态下不能执行“${rule.description.zh}”`, `"${rule.description.en}" is not possible while the case is ${c.status}`),
    };
  }
  const relations = who.roles.map((r) => rule.roles[r]).filter((r): r is Relation => r !== undefined);
  if (relations.length === 0) return { ok: false, reason: ROLE_REASON.role };
  for (const guard of rule.guards ?? []) {
    const why = guard(c);
    if (why) return { ok: false, reason: why };
  }
  if (!relations.some((r) => relates(c, who, r))) return { ok: false, reason: ROLE_REASON[relations[0]] };
  return { ok: true };
}

/** Codes of the reasons that refuse the actor (role or relation), as opposed to the case's state. */
export const ROLE_REFUSAL_CODES: readonly string[] = Object.values(ROLE_REASON).map((r) => r.code);

/** Whether a refusal is about who asks (their role or relation to the case), not about the case. */
export const isRoleRefusal = (r: Reason): boolean => ROLE_REFUSAL_CODES.includes(r.code);

/** The roles that may ever run an action (whatever their relation to a case). */
export const rolesFor = (action: ActionName): Role[] => Object.keys(ACTIONS[action].roles) as Role[];

/** The actions a person (or an API key) may ask for; the others (`lapse`) only the system runs. */
export const PERSON_ACTION_NAMES: ActionName[] = ACTION_NAMES.filter((a) => rolesFor(a).length > 0);

/**
 * The actions any of these roles may ever run, in the table's order: what a person's menu may
 * offer; whether a case allows one now is `check`'s answer.
 */
export const actionsForRoles = (roles: readonly string[]): ActionName[] => ACTION_NAMES.filter((a) => rolesFor(a).some((r) => roles.includes(r)));

/** The actions this actor may run on this case now, in the table's order. */
export const allowedActions = (c: CaseFacts, who: Actor): ActionName[] => ACTION_NAMES.filter((a) => check(c, who, a).ok);

/**
 * Whether a case in this status can no longer be handed over: a pending transfer or escalation
 * is cancelled by the action that leads there (withdraw, close, refer, reject, settle …), in the
 * same transaction, since nobody could acknowledge it any more.
 */
export const endsHandover = (status: CaseStatus): boolean => !ACTIONS.acknowledge.from.includes(status as never);

/** The status an action leads to from the current one. */
export const nextStatus = (c: Pick<CaseFacts, 'status'>, action: ActionName): CaseStatus => ACTIONS[action].to ?? c.status;

/** Every (from → to) edge of the lifecycle, for the status diagram. */
export function edges(): Array<{ from: CaseStatus; to: CaseStatus; action: ActionName }> {
  return ACTION_NAMES.flatMap((action) => {
    const rule: ActionRule = ACTIONS[action];
    return rule.to === null ? [] : rule.from.map((from) => ({ from, to: rule.to as CaseStatus, action }));
  });
}
