/**
 * Early warnings (预警) as data: their kinds and states, and what a leader may do with one.
 * Dependency-free (the admin imports it).
 */

/** `class_area`: cases of one category in one area within a window; `class_respondent`: cases against one respondent; `high_risk`: one case at high or critical risk; `criminal_risk`: one case reported at risk of turning criminal (民转刑). */
export const WARNING_KINDS = ['class_area', 'class_respondent', 'high_risk', 'criminal_risk'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

export const WARNING_STATES = ['open', 'handled', 'dismissed'] as const;
export type WarningState = (typeof WARNING_STATES)[number];

/** What can be done with a warning, from which states. Dismissing needs a reason. */
export const WARNING_ACTIONS = {
  take: { from: ['open'], to: 'open' },
  handle: { from: ['open'], to: 'handled' },
  dismiss: { from: ['open'], to: 'dismissed' },
} as const satisfies Record<string, { from: readonly WarningState[]; to: WarningState }>;
export type WarningAction = keyof typeof WARNING_ACTIONS;

/** Thresholds when a deployment sets none: 5 cases of a category in one area, or 3 against one respondent, within 30 days. */
export const DEFAULT_CLASS_THRESHOLD = { windowDays: 30, areaCases: 5, respondentCases: 3 } as const;
