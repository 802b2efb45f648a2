/**
 * The bench's memory side: the API's memory breakdown asked over IPC from `memory-probe.js`
 * (preloaded into the API child), and `--soak <minutes>`: a mixed load of the bench's requests
 * with the API's memory sampled every 10 s, its series and the slope of the resident set.
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import type { MemorySample } from './memory-probe';

/** A request of the bench. */
export interface SoakRequest {
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  token?: string;
}

export interface MemoryMiB {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  newSpace: number;
  oldSpace: number;
  codeSpace: number;
  external: number;
  arrayBuffers: number;
}

const mib = (b: number | undefined) => Math.round(((b ?? 0) / 2 ** 20) * 10) / 10;

/** The memory breakdown of a child started with the probe preloaded and an IPC channel (null if it does not answer). */
export function askMemory(child: ChildProcess, timeoutMs = 5_000): Promise<MemoryMiB | null> {
  if (!child.connected) return Promise.resolve(null);
  return new Promise((ok) => {
    const timer = setTimeout(() => (child.off('message', on), ok(null)), timeoutMs);
    const on = (m: { memory?: MemorySample }) => {
      if (!m?.memory) return;
      clearTimeout(timer);
      child.off('message', on);
      const x = m.memory;
      ok({
        rss: mib(x.rss), heapTotal: mib(x.heapTotal), heapUsed: mib(x.heapUsed), newSpace: mib(x.spaces.new_space), oldSpace: mib(x.spaces.old_space),
        codeSpace: mib(x.spaces.code_space), external: mib(x.external), arrayBuffers: mib(x.arrayBuffers),
      });
    };
    child.on('message', on);
    child.send({ memory: true });
  });
}

export const memoryLine = (m: MemoryMiB | null) =>
  m ? `RSS ${m.rss} MiB = heap ${m.heapTotal} (used ${m.heapUsed}; new ${m.newSpace}, old ${m.oldSpace}, code ${m.codeSpace}) + external ${m.external} (buffers ${m.arrayBuffers}) + the rest ${Math.round((m.rss - m.heapTotal - m.external) * 10) / 10}` : 'memory: no answer';

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx ? sxy / sxx : 0;
}

interface SoakSample {
  minute: number;
  requests: number;
  memory: MemoryMiB | null;
}
export interface SoakResult {
  samples: SoakSample[];
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** Resident set: least-squares slope in MiB per minute, over every sample and over the second half. */
  slopeAll: number;
  slopeSecondHalf: number;
}

/** A mixed load of every request, round robin on each connection, sampling the API's memory every 10 s. */
export async function runSoak(url: string, api: ChildProcess, reqs: SoakRequest[], connections: number, minutes: number): Promise<SoakResult> {
  const requests = reqs.map((r) => ({
    method: r.method ?? 'GET',
    path: r.path,
    body: r.body,
    headers: { 'content-type': 'application/json', ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) },
  }));
  console.log(`  soak: ${reqs.length} requests round robin on ${connections} connections for ${minutes} min; the API's memory every 10 s`);
  let done = 0;
  let finished!: (r: autocannon.Result) => void;
  let failed!: (e: unknown) => void;
  const result = new Promise<autocannon.Result>((ok, fail) => ((finished = ok), (failed = fail)));
  const instance = autocannon({ url, connections, duration: Math.round(minutes * 60), timeout: 20, requests }, (e, r) => (e ? failed(e) : finished(r)));
  instance.on('response', () => done++);
  const t0 = Date.now();
  const samples: SoakSample[] = [];
  const sample = async () => {
    const memory = await askMemory(api);
    const s = { minute: Math.round(((Date.now() - t0) / 60_000) * 100) / 100, requests: done, memory };
    samples.push(s);
    console.log(`  ${s.minute.toFixed(2)} min, ${s.requests} requests: ${memoryLine(memory)}`);
  };
  const timer = setInterval(() => void sample(), 10_000);
  const r = await result;
  clearInterval(timer);
  await sample();
  const points = samples.filter((s) => s.memory).map((s) => [s.minute, s.memory!.rss] as [number, number]);
  return {
    samples,
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    failed: r.errors + r.timeouts + r.non2xx,
    statuses: Object.fromEntries(Object.entries((r as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    slopeAll: Math.round(slope(points) * 100) / 100,
    slopeSecondHalf: Math.round(slope(points.slice(Math.floor(points.length / 2))) * 100) / 100,
  };
}

export function soakTable(s: SoakResult): string {
  const m = s.samples.map((x) => x.memory).filter((x): x is MemoryMiB => !!x);
  const lines = [
    `${s.requests.toLocaleString('en')} requests, ${s.rps} req/s, p50 ${s.p50} ms, p99 ${s.p99} ms, ${s.failed} failed (answers by status: ${Object.entries(s.statuses).map(([k, v]) => `${k}: ${v}`).join(', ') || '—'}). ` +
      `RSS slope ${s.slopeAll} MiB/min over the run, ${s.slopeSecondHalf} MiB/min over its second half; RSS min ${Math.min(...m.map((x) => x.rss))}, max ${Math.max(...m.map((x) => x.rss))} MiB.`,
    '',
    '| minute | requests | RSS MiB | heap total / used | new space | old space | code space | external (buffers) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...s.samples.map((x) =>
      x.memory
        ? `| ${x.minute.toFixed(2)} | ${x.requests.toLocaleString('en')} | ${x.memory.rss} | ${x.memory.heapTotal} / ${x.memory.heapUsed} | ${x.memory.newSpace} | ${x.memory.oldSpace} | ${x.memory.codeSpace} | ${x.memory.external} (${x.memory.arrayBuffers}) |`
        : `| ${x.minute.toFixed(2)} | ${x.requests.toLocaleString('en')} | — | — | — | — | — | — |`,
    ),
  ];
  return lines.join('\n');
}

