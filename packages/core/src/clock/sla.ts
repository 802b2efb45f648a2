/**
 * 挂单计时 and 亮灯, as pure functions over instants. A running clock is a start, a yellow instant
 * (75% of the limit by default) and a deadline; a paused clock keeps what was left of both.
 * Days are calendar days, except a mediation limit a category counts in working days (`calendar.ts`).
 */
import { DAY_MS } from '../shared/clock';
import type { ClockStage, DayKind, Light } from '../shared/vocabulary';
import { workingDayClock, type WorkCalendar } from './calendar';

export interface Limits {
  acceptDays: number;
  mediateDays: number;
  extensionDays: number;
  followUpDays: number;
  confirmationDays: number;
  yellowPercent: number;
  /** Whether the mediation limit counts working days (a category's rule: medical disputes, 30 working days). */
  mediateDayKind?: DayKind;
  /** The holiday calendar, when a limit counts working days. */
  calendar?: WorkCalendar;
  /** Past the mediation limit without agreement counts as failed (医疗纠纷预防和处理条例 第38条). */
  overdueFails?: boolean;
}

/** Used when no SLA policy matches: DOMAIN.md's usual limits. */
export const DEFAULT_LIMITS: Limits = { acceptDays: 3, mediateDays: 30, extensionDays: 30, followUpDays: 15, confirmationDays: 30, yellowPercent: 75 };

export interface ClockState {
  clockStage: ClockStage | null;
  clockStartedAt: Date | null;
  yellowAt: Date | null;
  deadlineAt: Date | null;
  pausedRemainingMs: number | null;
  pausedYellowRemainingMs: number | null;
}

export const STOPPED: ClockState = { clockStage: null, clockStartedAt: null, yellowAt: null, deadlineAt: null, pausedRemainingMs: null, pausedYellowRemainingMs: null };

/** Only the clock's own fields of a row that has more. */
const clockOf = (c: ClockState): ClockState => ({
  clockStage: c.clockStage,
  clockStartedAt: c.clockStartedAt,
  yellowAt: c.yellowAt,
  deadlineAt: c.deadlineAt,
  pausedRemainingMs: c.pausedRemainingMs,
  pausedYellowRemainingMs: c.pausedYellowRemainingMs,
});

const stageDays = (stage: ClockStage, l: Limits) => (stage === 'acceptance' ? l.acceptDays : stage === 'mediation' ? l.mediateDays : l.followUpDays);

/** Start the stage's limit at `at`; a mediation limit in working days skips holidays and counts make-up working days. */
export function startClock(stage: ClockStage, at: Date, limits: Limits): ClockState {
  if (stage === 'mediation' && limits.mediateDayKind === 'working' && limits.calendar) {
    return { clockStage: stage, clockStartedAt: at, ...workingDayClock(at, limits.mediateDays, limits.yellowPercent, limits.calendar), pausedRemainingMs: null, pausedYellowRemainingMs: null };
  }
  const limitMs = stageDays(stage, limits) * DAY_MS;
  return {
    clockStage: stage,
    clockStartedAt: at,
    yellowAt: new Date(at.getTime() + Math.round((limitMs * limits.yellowPercent) / 100)),
    deadlineAt: new Date(at.getTime() + limitMs),
    pausedRemainingMs: null,
    pausedYellowRemainingMs: null,
  };
}

/** Stop the clock (suspension), keeping what is left. */
export function pauseClock(row: ClockState, at: Date): ClockState {
  const c = clockOf(row);
  if (!c.deadlineAt || !c.yellowAt) return c;
  return { ...c, yellowAt: null, deadlineAt: null, pausedRemainingMs: c.deadlineAt.getTime() - at.getTime(), pausedYellowRemainingMs: c.yellowAt.getTime() - at.getTime() };
}

/** Restart a paused clock at `at` with the time that was left. */
export function resumeClock(row: ClockState, at: Date): ClockState {
  const c = clockOf(row);
  if (c.pausedRemainingMs === null || c.pausedYellowRemainingMs === null) return c;
  return {
    ...c,
    deadlineAt: new Date(at.getTime() + c.pausedRemainingMs),
    yellowAt: new Date(at.getTime() + c.pausedYellowRemainingMs),
    pausedRemainingMs: null,
    pausedYellowRemainingMs: null,
  };
}

/**
 * Move the deadline by `days` (the one extension). Yellow moves so that it stays at the same
 * share of the now longer limit.
 */
export function extendClock(row: ClockState, days: number, limits: Limits): ClockState {
  const c = clockOf(row);
  const extra = days * DAY_MS;
  const tail = (remainingToDeadline: number, remainingToYellow: number) => {
    // The limit L satisfies: deadline - yellow = (1 - p) L. The new limit is L + extra.
    const p = limits.yellowPercent / 100;
    const oldLimit = (remainingToDeadline - remainingToYellow) / (1 - p);
    return Math.round((1 - p) * (oldLimit + extra));
  };
  if (c.deadlineAt && c.yellowAt) {
    const deadline = c.deadlineAt.getTime() + extra;
    return { ...c, deadlineAt: new Date(deadline), yellowAt: new Date(deadline - tail(c.deadlineAt.getTime(), c.yellowAt.getTime())) };
  }
  if (c.pausedRemainingMs !== null && c.pausedYellowRemainingMs !== null) {
    const remaining = c.pausedRemainingMs + extra;
    return { ...c, pausedRemainingMs: remaining, pausedYellowRemainingMs: remaining - tail(c.pausedRemainingMs, c.pausedYellowRemainingMs) };
  }
  return c;
}

/** Green below the yellow share of the limit, yellow from it, red once the deadline has passed. */
export function lightAt(c: Pick<ClockState, 'yellowAt' | 'deadlineAt'>, now: Date): Light | null {
  if (!c.deadlineAt || !c.yellowAt) return null;
  const t = now.getTime();
  if (t > new Date(c.deadlineAt).getTime()) return 'red';
  if (t >= new Date(c.yellowAt).getTime()) return 'yellow';
  return 'green';
}

/**
 * The policy that governs a case. Policies carrying `orgPath` (their organization's path) apply
 * only when that organization is the case's handling organization or above it (`casePath`); the
 * nearest organization's policies win, and among them the most specific: channel and category,
 * then channel, then category, then any. Policies without `orgPath` apply everywhere, as the root's.
 */
export function pickPolicy<P extends { channel: string | null; category: string | null; active: boolean; orgPath?: string }>(
  policies: P[],
  channel: string,
  category: string,
  casePath?: string,
): P | undefined {
  const score = (p: P) => (p.channel === channel ? 2 : p.channel === null ? 0 : -10) + (p.category === category ? 1 : p.category === null ? 0 : -10);
  const depth = (p: P) => (p.orgPath ? p.orgPath.split('/').length : 0);
  const governs = (p: P) => !p.orgPath || casePath === undefined || casePath.startsWith(p.orgPath);
  return policies
    .filter((p) => p.active && score(p) >= 0 && governs(p))
    .sort((a, b) => depth(b) - depth(a) || score(b) - score(a))[0];
}
