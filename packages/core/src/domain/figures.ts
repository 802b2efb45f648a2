/**
 * The figures a center is judged on, as data: what each one counts (numerator, denominator, the
 * date that puts a case in a period), in Chinese and English, and the periods they are asked for.
 * The admin shows these texts as tooltips, the Excel exports put them on their second sheet and
 * docs/figures.md says the same (a test keeps every key there). Dependency-free like all of
 * `domain/`.
 */

/** A period in China calendar days, both ends included. */
export interface Period {
  /** First day, YYYY-MM-DD (China). */
  from: string;
  /** Last day, YYYY-MM-DD (China). */
  to: string;
  /** How it was asked for: `2026`, `2026-Q4`, `2026-11`, `2026-11-03..2026-11-20`. */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const isDay = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 2000 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= lastDayOf(y, mo);
};

/**
 * Read a period: a year (`2026`), a quarter (`2026-Q4`), a month (`2026-11`) or a range of China
 * days (`2026-11-03..2026-11-20`, at most 3 years). Answers null for anything else.
 */
export function parsePeriod(s: string): Period | null {
  const text = String(s ?? '').trim();
  let m = /^(\d{4})$/.exec(text);
  if (m && Number(m[1]) >= 2000 && Number(m[1]) <= 2999) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, label: text };
  m = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (m && Number(m[1]) >= 2000 && Number(m[1]) <= 2999) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { from: `${y}-${pad(q * 3 - 2)}-01`, to: `${y}-${pad(q * 3)}-${pad(lastDayOf(y, q * 3))}`, label: `${y}-Q${q}` };
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m && isDay(`${text}-01`)) return { from: `${text}-01`, to: `${text}-${pad(lastDayOf(Number(m[1]), Number(m[2])))}`, label: text };
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m && isDay(m[1]) && isDay(m[2]) && m[1] <= m[2]) {
    const span = (Date.parse(m[2]) - Date.parse(m[1])) / 86_400_000;
    if (span <= 3 * 366) return { from: m[1], to: m[2], label: text };
  }
  return null;
}

/** The months (YYYY-MM) a period touches, in order. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let [y, m] = p.from.slice(0, 7).split('-').map(Number);
  const last = p.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= last) return out;
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

const shiftDay = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);

/** The China days from `from` to `to` (YYYY-MM-DD, both included), in order. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = shiftDay(d, 1)) out.push(d);
  return out;
}

/** How the rollup answers a period: month ranges, plus day ranges, less day ranges (all inclusive). */
export interface PeriodPlan {
  months: Array<[string, string]>;
  plus: Array<[string, string]>;
  minus: Array<[string, string]>;
}

/**
 * Split a period into whole months and days: a partial month at an end reads its own days when
 * they are at most half the month, else the whole month less the days it leaves out. So a range
 * reads at most half a month of days at each end (a month and its days sum alike, see
 * docs/figures.md).
 */
export function planOf(p: Period): PeriodPlan {
  const plan: PeriodPlan = { months: [], plus: [], minus: [] };
  const addMonth = (m: string) => {
    const last = plan.months[plan.months.length - 1];
    const [y, mo] = last ? last[1].split('-').map(Number) : [0, 0];
    const next = last ? (mo === 12 ? `${y + 1}-01` : `${y}-${pad(mo + 1)}`) : '';
    if (last && next === m) last[1] = m;
    else plan.months.push([m, m]);
  };
  for (const m of monthsOf(p)) {
    const first = `${m}-01`;
    const end = `${m}-${pad(lastDayOf(Number(m.slice(0, 4)), Number(m.slice(5, 7))))}`;
    const lo = p.from > first ? p.from : first;
    const hi = p.to < end ? p.to : end;
    if (lo === first && hi === end) addMonth(m);
    else if ((Date.parse(hi) - Date.parse(lo)) / 86_400_000 + 1 <= Number(end.slice(8)) / 2) plan.plus.push([lo, hi]);
    else {
      addMonth(m);
      if (lo > first) plan.minus.push([first, shiftDay(lo, -1)]);
      if (hi < end) plan.minus.push([shiftDay(hi, 1), end]);
    }
  }
  return plan;
}

/** One figure's definition, as the leader reads it. */
export interface FigureDefinition {
  zh: string;
  en: string;
  /** What is counted (the numerator, or the whole figure for a count). */
  numerator: { zh: string; en: string };
  /** What it is divided by; null for counts and times. */
  denominator: { zh: string; en: string } | null;
  /** The date that puts a case in a period. */
  date: { zh: string; en: string };
}

const REGISTERED = { zh: '登记日期', en: 'the day the case was registered' };
const RESULT = { zh: '最近一次调解结果（成功或不成）的日期', en: 'the day of the latest mediation result (settled or failed)' };
const CLOSED = { zh: '结案日期（结案或引导诉讼/退回法院）', en: 'the day the case was closed (closed, or referred to litigation / back to the court)' };

/**
 * Every figure of the center report (`FiguresService.center`) and of the justice-bureau report,
 * keyed as the API answers them. All are counted over the cases whose handling organization is
 * in the reader's organization subtree, under the organization, channel, category and mediator
 * the case has now.
 */
export const FIGURE_DEFINITIONS = {
  received: {
    zh: '受理登记数', en: 'Cases received',
    numerator: { zh: '期间内登记的案件数（按来源渠道、纠纷类型、区域、月份分列）', en: 'cases registered in the period (by channel, category, area and month)' },
    denominator: null,
    date: REGISTERED,
  },
  acceptanceRate: {
    zh: '受理率', en: 'Acceptance rate',
    numerator: { zh: '期间内受理的案件数', en: 'cases accepted in the period' },
    denominator: { zh: '期间内受理或不予受理的案件数', en: 'cases accepted or rejected in the period' },
    date: { zh: '受理或不予受理的日期', en: 'the day of acceptance or rejection' },
  },
  successRate: {
    zh: '调解成功率', en: 'Mediation success rate',
    numerator: { zh: '期间内调解成功的案件数', en: 'cases settled in the period' },
    denominator: { zh: '期间内调解成功或调解不成的案件数（每案只算最近一次结果）', en: 'cases settled or failed in the period (each case by its latest result)' },
    date: RESULT,
  },
  handlingDaysMean: {
    zh: '平均办理天数', en: 'Mean handling time (days)',
    numerator: { zh: '期间内结案案件从登记到结案的天数之和', en: 'sum of the days from registration to closing of the cases closed in the period' },
    denominator: { zh: '期间内结案的案件数', en: 'cases closed in the period' },
    date: CLOSED,
  },
  handlingDaysP90: {
    zh: '办理天数（90分位）', en: 'Handling time, 90th percentile (days)',
    numerator: { zh: '期间内结案案件从登记到结案的整天数，按从少到多排列，第90%位置的值（最近秩法）', en: 'whole days from registration to closing of the cases closed in the period; the value at 90% of the sorted list (nearest rank)' },
    denominator: null,
    date: CLOSED,
  },
  overdueRate: {
    zh: '超期率', en: 'Overdue rate',
    numerator: { zh: '期间内结案、且结案前任一阶段超过期限（亮过红灯）的案件数', en: 'cases closed in the period that passed a stage deadline (were red) before closing' },
    denominator: { zh: '期间内结案的案件数', en: 'cases closed in the period' },
    date: CLOSED,
  },
  satisfactionRate: {
    zh: '回访满意率', en: 'Follow-up satisfaction rate',
    numerator: { zh: '期间内回访结果为满意或基本满意的案件数', en: 'cases followed up in the period as satisfied or basically satisfied' },
    denominator: { zh: '期间内回访的案件数（每案只算最近一次回访）', en: 'cases followed up in the period (each case by its latest follow-up)' },
    date: { zh: '最近一次回访的日期', en: 'the day of the latest follow-up' },
  },
  sourceResolvedRate: {
    zh: '三源共治化解率', en: 'Court, petition and police sources resolved at the center',
    numerator: { zh: '期间内调解成功的诉调、访调、公调对接案件数（分渠道）', en: 'court, petition and police cases settled in the period (per channel)' },
    denominator: { zh: '期间内有调解结果的同渠道案件数', en: 'cases of the same channel with a result in the period' },
    date: RESULT,
  },
  villageResolvedRate: {
    zh: '小事不出村', en: 'Resolved within the village',
    numerator: { zh: '期间内调解成功、由村（社区）或网格办理的案件数', en: 'cases settled in the period by a village (community) or grid' },
    denominator: { zh: '期间内调解成功的案件数', en: 'cases settled in the period' },
    date: RESULT,
  },
  townshipResolvedRate: {
    zh: '大事不出乡', en: 'Resolved within the township',
    numerator: { zh: '期间内调解成功、由乡镇（街道）、村（社区）或网格办理的案件数', en: 'cases settled in the period by a township, village or grid' },
    denominator: { zh: '期间内调解成功的案件数', en: 'cases settled in the period' },
    date: RESULT,
  },
  transfers: {
    zh: '移交与上提', en: 'Transfers and escalations',
    numerator: { zh: '期间内发起的移交、上提次数；其中已签收的次数及从发起到签收的平均小时数', en: 'transfers and escalations made in the period; how many were acknowledged and the mean hours from sending to acknowledgement' },
    denominator: null,
    date: { zh: '签收的日期（签收数与时长）；发起的日期（发起数）', en: 'the day of acknowledgement (acknowledged, hours); the day it was sent (sent)' },
  },
  mediatorLoad: {
    zh: '调解员办案量', en: 'Mediator load and results',
    numerator: { zh: '每名调解员当前在办案件数（不分期间），及期间内调解成功、不成的案件数', en: 'per mediator: open cases now (any period), and cases settled and failed in the period' },
    denominator: null,
    date: RESULT,
  },
  preventedCriminal: {
    zh: '防止民转刑', en: 'Kept from turning criminal',
    numerator: {
      zh: '期间内受理、现已调解成功、且登记时或之后报告过民转刑风险（人民调解法第25条）的案件数及涉及人数；仅因人数、金额等评为高风险的案件不计入',
      en: 'cases accepted in the period, settled now, on which a risk of turning criminal was reported (at registration or later, People’s Mediation Law art. 25), and their people; cases at high risk for other reasons (many people, large amounts) do not count',
    },
    denominator: null,
    date: { zh: '受理日期', en: 'the day the case was accepted' },
  },
  preventedGroupPetition: {
    zh: '防止群体性上访', en: 'Kept from group petitions',
    numerator: { zh: '期间内受理、现已调解成功、涉及5人以上的群体性纠纷案件数及涉及人数', en: 'group disputes (5 or more people) accepted in the period and settled now, and their people' },
    denominator: null,
    date: { zh: '受理日期', en: 'the day the case was accepted' },
  },
} as const satisfies Record<string, FigureDefinition>;

export type FigureKey = keyof typeof FIGURE_DEFINITIONS;

/** A rate as the report shows it: numerator, denominator, and the share (null without a denominator). */
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, rate: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null });

/**
 * Nearest-rank percentile over a histogram of whole values: the smallest value v such that at
 * least `p` of all counts are ≤ v. Null for an empty histogram.
 */
export function percentileOf(histogram: Array<{ value: number; count: number }>, p: number): number | null {
  const sorted = [...histogram].filter((h) => h.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, h) => s + h.count, 0);
  if (!total) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const h of sorted) {
    seen += h.count;
    if (seen >= rank) return h.value;
  }
  return sorted[sorted.length - 1].value;
}
