/**
 * Loaded into the API child by the bench (`node -r …/memory-probe.js packages/api/dist/main.js`),
 * never by the API itself: answers the bench's `{ memory: true }` over the IPC channel with the
 * process's memory breakdown (resident set, V8 heap by space, external and array buffers), so the
 * bench can tell where the resident set goes without touching the server's code.
 */
import { getHeapSpaceStatistics } from 'node:v8';

export interface MemorySample {
  /** Resident set, heap reserved and used, memory of C++ objects bound to JS, and of ArrayBuffers/Buffers (bytes). */
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** V8 heap spaces (new_space, old_space, code_space, …): bytes reserved. */
  spaces: Record<string, number>;
}

export function memorySample(): MemorySample {
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
  return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, spaces };
}

if (process.send) {
  process.on('message', (m: { memory?: boolean }) => {
    if (m && m.memory) process.send!({ memory: memorySample() });
  });
  // The channel must not keep the server alive after its own shutdown.
  process.channel?.unref();
}
