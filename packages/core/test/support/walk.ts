import type { Actor, CaseView, ManualClock, Tiaojie } from '../../src';

/** Take a case through actions, each optionally at its own time: [actor, action, payload?, at?]. */
export async function walk(tj: Tiaojie, clock: ManualClock, id: number, steps: Array<[Actor, string, Record<string, unknown>?, string?]>): Promise<CaseView> {
  let c = await tj.cases.get(steps[0][0], id);
  for (const [actor, action, payload, at] of steps) {
    if (at) clock.set(at);
    c = await tj.cases.run(actor, id, action, payload ?? {}, c.version);
  }
  return c;
}
