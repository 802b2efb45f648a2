/**
 * 以案定补: how a case is graded (简易/一般/疑难/重大) from its facts, and when its subsidy is
 * payable. The thresholds are data: the grading policy valid on the closing day (`GradingThresholds`,
 * `DEFAULT_GRADING` without one), checked from the most complex grade down; the amounts are the
 * deployment's subsidy policies. Dependency-free.
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
export type GradingRule = { complexity: Complexity; minPeople?: number; minAmountFen?: number; risks?: readonly string[]; crossArea?: boolean };

/**
 * The grading thresholds a subsidy policy sets (以案定补): per grade the people, the amount (fen)
 * and the risk level from which a case is of that grade (null: that condition is off); a case
 * handled by another organization than the registering one is difficult when `difficultCrossArea`.
 */
export interface GradingThresholds {
  majorPeople: number | null;
  majorAmountFen: number | null;
  majorRisk: string | null;
  difficultPeople: number | null;
  difficultAmountFen: number | null;
  difficultRisk: string | null;
  difficultCrossArea: boolean;
  ordinaryPeople: number | null;
  ordinaryAmountFen: number | null;
  ordinaryRisk: string | null;
}

/** The thresholds without a grading policy: 30 people, 1,000,000 yuan or critical risk; 10, 100,000 yuan, high risk or cross-area; 3, 10,000 yuan or medium risk. */
export const DEFAULT_GRADING: GradingThresholds = {
  majorPeople: 30, majorAmountFen: 100_000_000, majorRisk: 'critical',
  difficultPeople: 10, difficultAmountFen: 10_000_000, difficultRisk: 'high', difficultCrossArea: true,
  ordinaryPeople: 3, ordinaryAmountFen: 1_000_000, ordinaryRisk: 'medium',
};

const RISK_ORDER = ['low', 'medium', 'high', 'critical'];
/** The risk levels at or above one. */
const atOrAbove = (risk: string | null) => (risk && RISK_ORDER.includes(risk) ? RISK_ORDER.slice(RISK_ORDER.indexOf(risk)) : undefined);

/** The rules of a set of thresholds, most complex grade first. */
export function gradingRules(t: GradingThresholds): GradingRule[] {
  const rule = (complexity: Complexity, people: number | null, amount: number | null, risk: string | null, crossArea = false): GradingRule => ({
    complexity, ...(people != null ? { minPeople: people } : {}), ...(amount != null ? { minAmountFen: amount } : {}), ...(atOrAbove(risk) ? { risks: atOrAbove(risk) } : {}), ...(crossArea ? { crossArea } : {}),
  });
  return [
    rule('major', t.majorPeople, t.majorAmountFen, t.majorRisk),
    rule('difficult', t.difficultPeople, t.difficultAmountFen, t.difficultRisk, t.difficultCrossArea),
    rule('ordinary', t.ordinaryPeople, t.ordinaryAmountFen, t.ordinaryRisk),
  ];
}

/** The rules without a grading policy. */
export const GRADING_RULES: ReadonlyArray<GradingRule> = gradingRules(DEFAULT_GRADING);

/** The grade of a case: the first rule (most complex first) any of whose conditions holds; else simple. */
export function gradeCase(f: GradeFacts, rules: ReadonlyArray<GradingRule> = GRADING_RULES): Complexity {
  for (const r of rules) {
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
