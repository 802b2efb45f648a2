/**
 * Which roles may ever run each action (core's lifecycle table, packages/core/src/cases/lifecycle.ts,
 * mirrored; a test keeps them equal). The API's `GET /cases/:id/actions` decides what is allowed
 * now; this only chooses which other actions a person's menu lists, so that asking for one the
 * case does not allow yet gets the API's reason instead of a silent absence.
 */
const desk = ['clerk', 'admin'];
const handler = ['clerk', 'admin', 'mediator'];
const caseWorker = ['mediator', 'admin'];

export const ACTION_ROLES: Record<string, readonly string[]> = {
  accept: desk,
  reject: desk,
  assign: desk,
  reassign: desk,
  startMediation: caseWorker,
  recordSession: ['mediator', 'adviser'],
  suspend: caseWorker,
  resume: caseWorker,
  extendDeadline: caseWorker,
  settle: ['mediator'],
  fail: ['mediator'],
  recordPerformance: handler,
  applyConfirmation: handler,
  recordConfirmation: handler,
  followUp: handler,
  close: handler,
  refer: handler,
  transfer: handler,
  escalate: handler,
  acknowledge: handler,
  inviteAdviser: handler,
  giveOpinion: ['adviser'],
  assessRisk: [...handler, 'leader'],
  edit: handler,
  editParty: handler,
  withdraw: [...handler, 'liaison'],
  reopen: handler,
  archive: desk,
  openSupervision: ['leader', 'admin'],
  closeSupervision: ['leader', 'admin'],
};

export const actionsForRoles = (roles: readonly string[]) => Object.keys(ACTION_ROLES).filter((a) => ACTION_ROLES[a].some((r) => roles.includes(r)));
