/**
 * A case's history as a plan: the commands to run, who runs them and when (relative to the
 * registration), and the clock they leave running, so the seed can place the case in the past
 * where its light comes out as wanted.
 */
import type { ChannelPrincipal } from '@tiaojie/core';
import type { ActionName } from '@tiaojie/core';
import type { Limits } from '@tiaojie/core';
import type { Light } from '@tiaojie/core';
import { Rng } from './random';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const CHINA = 8 * HOUR;

/** Who runs a step: a demo username, or a channel system (intake). */
export type Who = string | ChannelPrincipal;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = Record<string, any> | ((at: Date) => Record<string, any>);

export interface Step {
  /** Milliseconds after the registration. */
  rel: number;
  who: Who;
  action: 'register' | ActionName;
  payload: Payload;
}

export class Plan {
  readonly steps: Step[] = [];
  t = 0;
  yellow: number | null = null;
  deadline: number | null = null;
  private paused: { d: number; y: number } | null = null;

  constructor(
    private readonly rng: Rng,
    /** Hour of the registration in China time (8.5 … 17). */
    readonly startHour: number,
    private readonly limits: Limits,
    /** Shrinks every gap, when a history must fit the demo's window. */
    private readonly scale = 1,
  ) {}

  /** Wait between `min` and `max` hours, then run the step, moved into office hours (08:30–17:30). */
  add(minH: number, maxH: number, who: Who, action: Step['action'], payload: Payload = {}, anyHour = false): this {
    if (this.steps.length) this.t += this.rng.float(minH, maxH) * HOUR * this.scale + 60_000;
    if (!anyHour) {
      const hour = (((this.startHour * HOUR + this.t) % DAY) + DAY) % DAY / HOUR;
      if (hour < 8.5) this.t += (8.5 - hour) * HOUR + this.rng.float(0, 1.5) * HOUR;
      else if (hour > 17.5) this.t += (24 - hour + 8.5) * HOUR + this.rng.float(0, 1.5) * HOUR;
    }
    this.steps.push({ rel: this.t, who, action, payload });
    this.track(action, payload);
    return this;
  }

  private start(days: number) {
    this.deadline = this.t + days * DAY;
    this.yellow = this.t + (days * DAY * this.limits.yellowPercent) / 100;
    this.paused = null;
  }

  private stop() {
    this.deadline = this.yellow = null;
    this.paused = null;
  }

  /** Mirror of what the effects do to the clock, to aim at a light. */
  private track(action: Step['action'], payload: Payload) {
    const l = this.limits;
    switch (action) {
      case 'register':
        return this.start(l.acceptDays);
      case 'accept':
      case 'acknowledge':
      case 'reopen':
        return this.start(l.mediateDays);
      case 'settle':
        return this.start(l.followUpDays);
      case 'reject':
      case 'withdraw':
      case 'close':
      case 'refer':
      case 'fail':
      case 'followUp':
        return this.stop();
      case 'suspend':
        if (this.deadline !== null && this.yellow !== null) this.paused = { d: this.deadline - this.t, y: this.yellow - this.t };
        this.deadline = this.yellow = null;
        return;
      case 'resume':
        if (this.paused) {
          this.deadline = this.t + this.paused.d;
          this.yellow = this.t + this.paused.y;
          this.paused = null;
        }
        return;
      case 'extendDeadline': {
        const days = typeof payload === 'object' && payload.days ? payload.days : l.extensionDays;
        if (this.deadline !== null) this.deadline += days * DAY;
        if (this.yellow !== null) this.yellow += days * DAY * (l.yellowPercent / 100);
        if (this.paused) this.paused = { d: this.paused.d + days * DAY, y: this.paused.y + days * DAY * (l.yellowPercent / 100) };
        return;
      }
      default:
        return;
    }
  }

  /**
   * The registration instant: on a whole day before `now` so office hours stay office hours,
   * with every step in the past, inside the window, and the light as wanted when possible.
   * Null when the history does not fit the window.
   */
  place(now: number, windowDays: number, want: { light?: Light; ageDays?: [number, number] }): number | null {
    const todayStart = Math.floor((now + CHINA) / DAY) * DAY - CHINA;
    const base = now - (todayStart + this.startHour * HOUR); // nowRel when k = 0
    const range = (lo: number, hi: number): [number, number] => [Math.max(0, Math.ceil((lo - base) / DAY)), Math.floor((hi - base) / DAY)];
    let [kLo, kHi] = range(this.t + 10 * 60_000, windowDays * DAY);
    if (kLo > kHi) return null;
    const narrow = (lo: number, hi: number) => {
      const [a, b] = range(lo, hi);
      const nLo = Math.max(kLo, a);
      const nHi = Math.min(kHi, b);
      if (nLo <= nHi) [kLo, kHi] = [nLo, nHi];
    };
    if (want.ageDays) narrow(want.ageDays[0] * DAY, want.ageDays[1] * DAY);
    if (want.light && this.deadline !== null && this.yellow !== null) {
      if (want.light === 'green') narrow(0, this.yellow - HOUR);
      if (want.light === 'yellow') narrow(this.yellow + HOUR, this.deadline - HOUR);
      if (want.light === 'red') narrow(this.deadline + HOUR, this.deadline + 25 * DAY);
    }
    const k = this.rng.int(kLo, kHi);
    return todayStart + this.startHour * HOUR - k * DAY;
  }
}

/** The calendar day in China of an instant, as YYYY-MM-DD. */
export const chinaDay = (at: Date | number, plusDays = 0) => new Date(new Date(at).getTime() + CHINA + plusDays * DAY).toISOString().slice(0, 10);
/** YYYYMMDD in China. */
export const chinaCompact = (at: Date | number) => chinaDay(at).replace(/-/g, '');
