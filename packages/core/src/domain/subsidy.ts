/**
 * 以案定补: how a case is graded (简易/一般/疑难/重大) from its facts, and when its subsidy is
 * payable. The thresholds are data (`GRADING_RULES`), checked from the most complex grade down;
 * the amounts are the deployment's subsidy policies. Dependency-free.
 */
import type { Complexity } from './vocabulary';

/** The facts of a case a grade reads. */
export interface GradeFacts {
  peopleCount: number;
  amountFen: number | null;
  risk: string;
  /** Handled by another organization than the one that registered it (transferred or escalated). */
  crossArea: boolean;
}

/** A grade applies when any of its conditions holds. Amounts in fen. */
export const GRADING_RULES: ReadonlyArray<{ complexity: Complexity; minPeople?: number; minAmountFen?: number; risks?: readonly string[]; crossArea?: boolean }> = [
  { complexity: 'major', minPeople: 30, minAmountFen: 100_000_000, risks: ['critical'] },
  { complexity: 'difficult', minPeople: 10, minAmountFen: 10_000_000, risks: ['high'], crossArea: true },
  { complexity: 'ordinary', minPeople: 3, minAmountFen: 1_000_000, risks: ['medium'] },
];

/** The grade of a case: the first rule (most complex first) any of whose conditions holds; else simple. */
export function gradeCase(f: GradeFacts): Complexity {
  for (const r of GRADING_RULES) {
    if ((r.minPeople != null && f.peopleCount >= r.minPeople) || (r.minAmountFen != null && (f.amountFen ?? 0) >= r.minAmountFen) || r.risks?.includes(f.risk) || (r.crossArea && f.crossArea)) return r.complexity;
  }
  return 'simple';
}

/** What decides whether a closed case's subsidy is payable. */
export interface PayableFacts {
  status: string;
  closeRoute: string | null;
  /** The kind of the case's agreement, if it has one. */
  agreementKind: 'written' | 'oral' | null;
  performance: string | null;
  followedUp: boolean;
  escalated: boolean;
  complexity: Complexity;
}

/**
 * Which result a closed case is paid for, or null: a written agreement, performed, with the file
 * complete (followed up and closed) pays as `settled`; a failed difficult or major case closed
 * without escalation (the dispute was kept from going up) pays as `failed` where the policy has an
 * amount for it.
 */
export function payableResult(f: PayableFacts): 'settled' | 'failed' | null {
  if (f.status !== 'closed' && f.status !== 'archived') return null;
  if (f.closeRoute === 'agreement') return f.agreementKind === 'written' && f.performance === 'performed' && f.followedUp ? 'settled' : null;
  if (f.closeRoute && f.closeRoute !== 'agreement' && f.closeRoute !== 'guidance' && !f.escalated && (f.complexity === 'difficult' || f.complexity === 'major')) return 'failed';
  return null;
}

/** The month (YYYY-MM) after another. */
export const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};
