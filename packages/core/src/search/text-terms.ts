/**
 * Text search over cases (issue 12): a term index that works the same on every engine.
 *
 * The searchable text of a case is what the list filter `q` matches with `LIKE '%q%'`: its case
 * number, title, description, source reference and its parties' names. Each field is folded
 * (lower case, compatibility forms, accents dropped: what the engines' `LIKE` may treat as equal)
 * and cut into pairs of consecutive characters, plus one pair (last character, end) per field.
 * A pair is stored as one integer, `first * 0x110000 + second` (`second` 0 at the end of a field),
 * in `case_terms (term, case_id)`, primary key in that order. Integers compare the same on every
 * engine, whatever the collation, and take less room than text.
 *
 * A query of n ≥ 2 characters needs every pair of its folded form; a query of one character, a
 * pair that begins with it, which is the range `[c * 0x110000, (c + 1) * 0x110000)` of the key.
 * The index only proposes candidates: the list still applies the `LIKE` conditions to them, so a
 * search answers exactly what the scan answered (pairs from different fields, or folded alike
 * but not equal to the engine, are dropped there).
 */
const BASE = 0x110000;

/** One character as the index sees it: lower case, compatibility form, without combining marks. */
const foldChar = (ch: string) => ch.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');

/** Folded forms of characters outside the fast paths, as they are met (bounded). */
const folded = new Map<number, number[]>();

function foldCodePoint(cp: number): number[] {
  let f = folded.get(cp);
  if (!f) {
    f = Array.from(foldChar(String.fromCodePoint(cp)), (c) => c.codePointAt(0)!);
    if (folded.size < 20_000) folded.set(cp, f);
  }
  return f;
}

/**
 * The code points of a text as the index sees it. Per character, so context never changes a
 * letter; ASCII and the common CJK ideographs (which fold to themselves) take a fast path.
 */
export function fold(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      out.push(cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp);
      continue;
    }
    if (cp >= 0x4e00 && cp <= 0x9fff) {
      out.push(cp);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    for (const f of foldCodePoint(cp)) out.push(f);
  }
  return out;
}

/** The searchable fields of one case. */
export interface SearchableText {
  caseNumber: string;
  title: string;
  description: string;
  sourceRef: string | null;
  partyNames: string[];
}

/** The distinct terms of a case's searchable text, ascending. */
export function termsOf(t: SearchableText): number[] {
  const all: number[] = [];
  for (const field of [t.caseNumber, t.title, t.description, t.sourceRef ?? '', ...t.partyNames]) {
    const cps = fold(field);
    for (let i = 0; i + 1 < cps.length; i++) all.push(cps[i] * BASE + cps[i + 1]);
    if (cps.length) all.push(cps[cps.length - 1] * BASE);
  }
  // Sorted, then each once (faster than a set of numbers this large).
  const sorted = Float64Array.from(all).sort();
  const terms: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) terms.push(sorted[i]);
  return terms;
}

/** What the index is asked for a query: the pairs every match holds, or the range of pairs one character begins. */
export type TermQuery = { kind: 'pairs'; terms: number[] } | { kind: 'range'; from: number; to: number } | { kind: 'none' };

export function termQuery(q: string): TermQuery {
  const cps = fold(q);
  if (!cps.length) return { kind: 'none' };
  if (cps.length === 1) return { kind: 'range', from: cps[0] * BASE, to: (cps[0] + 1) * BASE };
  const terms = new Set<number>();
  for (let i = 0; i + 1 < cps.length; i++) terms.add(cps[i] * BASE + cps[i + 1]);
  return { kind: 'pairs', terms: [...terms] };
}
