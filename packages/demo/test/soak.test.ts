import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import { askMemory, slope } from '../src/bench/soak';

describe('bench memory probe and soak figures', () => {
  it('a process with the probe preloaded answers its memory breakdown over IPC', async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', join(__dirname, '../src/bench/memory-probe.ts'), '-e', 'globalThis.held = Buffer.alloc(8 << 20, 1); setInterval(() => undefined, 1000)'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      const m = await askMemory(child);
      expect(m).to.not.equal(null);
      expect(m!.rss).to.be.greaterThan(m!.heapUsed);
      expect(m!.heapTotal).to.be.at.least(m!.heapUsed);
      expect(m!.external, 'the 8 MiB buffer is external').to.be.at.least(8);
      expect(m!.arrayBuffers).to.be.at.least(8);
      expect(m!.newSpace + m!.oldSpace + m!.codeSpace).to.be.at.most(m!.heapTotal);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('a process without the probe does not answer, and the bench goes on', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      expect(await askMemory(child, 300)).to.equal(null);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('the slope of the resident set is the least-squares line, in MiB per minute', () => {
    expect(slope([[0, 100], [1, 102], [2, 104], [3, 106]])).to.be.closeTo(2, 1e-9);
    expect(slope([[0, 120], [1, 118], [2, 122], [3, 120]])).to.be.closeTo(0.4, 1e-9);
    expect(slope([[0, 100]])).to.equal(0);
  });
});
