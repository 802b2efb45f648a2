import { chinaDate } from '../domain/china-time';
import type { OrganizationType } from '../domain/vocabulary';

/** The metrics the rollup counts; docs/figures.md says which figure reads which. */
export const METRICS = ['received', 'accepted', 'rejected', 'settled', 'failed', 'closed', 'closed_overdue', 'follow_up', 'transfer', 'acknowledged', 'jb', 'jb_people', 'jb_group', 'jb_criminal', 'open'] as const;
export type Metric = (typeof METRICS)[number];

/** What one case adds to one cell: a metric on a day, with a bucket (level, satisfaction, days …); `open` has no day. */
export interface Contribution {
  day: string;
  metric: Metric;
  bucket: string;
  n: number;
  total: number;
}

/** The facts of a case the figures read: the case row as it is now, the type of its handling organization. */
export interface FigureCase {
  registeredAt: Date | string;
  handlingOrgType: OrganizationType | null;
  /** 来源方式 (application, own initiative, referral). */
  source?: string | null;
  amountFen?: number | null;
  peopleCount?: number;
  risk?: string;
  /** A risk of turning criminal (民转刑) was reported on the case (人民调解法 第25条). */
  criminalRisk?: boolean;
  /** The kind of the case's latest agreement, if any. */
  agreementKind?: string | null;
  /** Open now (an open status): counts in the mediator's load, with no period. */
  open?: boolean;
}

/** A group dispute (群体性纠纷): this many people or more. */
export const GROUP_PEOPLE = 5;

/** The justice-bureau result of a case: settled in writing or orally, failed, or pending (no result yet). */
export function jbResult(lastResult: 'settle' | 'fail' | null, agreementKind: string | null | undefined): 'written' | 'oral' | 'failed' | 'pending' {
  if (lastResult === 'settle') return agreementKind === 'oral' ? 'oral' : 'written';
  if (lastResult === 'fail') return 'failed';
  return 'pending';
}

/** The history fields the figures read. */
export interface FigureEvent {
  seq: number;
  action: string;
  at: Date | string;
  changes: Record<string, { before: unknown; after: unknown }>;
  payload: Record<string, unknown>;
}

const time = (d: Date | string) => new Date(d).getTime();
const dayOf = (d: Date | string) => chinaDate(new Date(d));
const DAY = 86_400_000;

/** Where a settled case was resolved, by the type of the organization handling it. */
export function resolutionLevel(type: OrganizationType | null): 'village' | 'township' | 'county' {
  if (type === 'village' || type === 'grid') return 'village';
  if (type === 'township') return 'township';
  return 'county';
}

/**
 * A case's contribution to the figures: a pure function of the case now and its history, so the
 * rollup kept by the commands and one rebuilt from history agree by construction (see
 * docs/figures.md for which event dates each metric).
 */
export function contributionsOf(c: FigureCase, events: FigureEvent[]): Contribution[] {
  const out: Contribution[] = [];
  const add = (at: Date | string, metric: Metric, bucket = '', total = 0) => out.push({ day: dayOf(at), metric, bucket, n: 1, total });
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const last = (...actions: string[]) => [...sorted].reverse().find((e) => actions.includes(e.action));

  if (c.open) out.push({ day: '', metric: 'open', bucket: '', n: 1, total: 0 });
  add(c.registeredAt, 'received');
  const accepted = sorted.find((e) => e.action === 'accept');
  if (accepted) add(accepted.at, 'accepted');
  const rejected = last('reject');
  if (rejected) add(rejected.at, 'rejected');

  const result = last('settle', 'fail');
  if (result?.action === 'settle') add(result.at, 'settled', resolutionLevel(c.handlingOrgType));
  if (result?.action === 'fail') add(result.at, 'failed');

  // Closed and not reopened since: handling time from registration to closing.
  const closing = last('close', 'refer', 'reopen');
  if (closing && closing.action !== 'reopen') {
    const ms = time(closing.at) - time(c.registeredAt);
    add(closing.at, 'closed', String(Math.floor(ms / DAY)), ms);
    // Red before closing: some event moved or stopped a deadline that had already passed.
    const overdue = sorted.some((e) => {
      const d = e.changes?.deadlineAt?.before;
      return e.seq <= closing.seq && d != null && time(d as string) < time(e.at);
    });
    if (overdue) add(closing.at, 'closed_overdue');
  }

  // The justice-bureau report: a case counts in the period it was accepted, with its result now.
  if (accepted) {
    const r = jbResult((result?.action as 'settle' | 'fail' | undefined) ?? null, c.agreementKind);
    const bucket = `${c.source ?? 'application'}|${r}`;
    const people = c.peopleCount ?? 1;
    add(accepted.at, 'jb', bucket, c.amountFen ?? 0);
    add(accepted.at, 'jb_people', bucket, people);
    if (r === 'written' || r === 'oral') {
      if (people >= GROUP_PEOPLE) add(accepted.at, 'jb_group', '', people);
      // 防止民转刑 counts disputes that were at risk of turning criminal (reported, 第25条) and were
      // settled; a high risk for other reasons (many people, large amount) is not that risk.
      if (c.criminalRisk) add(accepted.at, 'jb_criminal', '', people);
    }
  }

  const followUp = last('followUp');
  if (followUp) add(followUp.at, 'follow_up', String(followUp.payload?.satisfaction ?? ''));

  let pending: FigureEvent | null = null;
  for (const e of sorted) {
    if (e.action === 'transfer' || e.action === 'escalate') {
      pending = e;
      add(e.at, 'transfer', e.action === 'transfer' ? 'transfer' : 'escalation');
    } else if (e.action === 'acknowledge' && pending) {
      add(e.at, 'acknowledged', pending.action === 'transfer' ? 'transfer' : 'escalation', time(e.at) - time(pending.at));
      pending = null;
    }
  }
  return out;
}

/**
 * The month rollup's bucket: handling days above 30 in 5-day bins to 90, then 30-day bins (the
 * bin's first day), so the histogram stays small; other buckets unchanged.
 */
export function monthBucket(metric: string, bucket: string): string {
  if (metric !== 'closed') return bucket;
  const d = Number(bucket);
  if (d <= 30) return bucket;
  if (d < 90) return String(d - ((d - 30) % 5));
  return String(d - ((d - 90) % 30));
}
