import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');

describe('@tiaojie/core as another system uses it', () => {
  it('is built to JavaScript with type declarations', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8'));
    expect(readFileSync(join(root, 'packages/core', pkg.types), 'utf8')).to.contain('openTiaojie');
    const core = require(join(root, 'packages/core', pkg.main));
    expect(core.openTiaojie).to.be.a('function');
    expect(core.ACTION_NAMES).to.include('settle');
  });

  it('publishes no demo data and no bench: those are @tiaojie/demo', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(root, 'packages/core'), encoding: 'utf8' }));
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    expect(files).to.include('dist/index.js');
    expect(files.filter((f) => /(^|\/)(demo|bench)(\/|$)/.test(f))).to.deep.equal([]);
    const core = require(join(root, 'packages/core/dist/index.js'));
    expect(core.loadCases).to.be.a('function');
    expect([core.seedDemo, core.generateCases]).to.deep.equal([undefined, undefined]);
  });

  it("runs the README's example from the built package", function () {
    const readme = readFileSync(join(root, 'packages/core/README.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)![1];
    const dir = mkdtempSync(join(tmpdir(), 'tiaojie-readme-'));
    try {
      // Resolve '@tiaojie/core' the way an installed package would: through the workspace's node_modules.
      const file = join(dir, 'example.ts');
      writeFileSync(file, code.replace("from '@tiaojie/core'", `from ${JSON.stringify(join(root, 'node_modules/@tiaojie/core'))}`));
      const out = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
      expect(out).to.match(/（20\d\d）平安调字第1号/);
      expect(out).to.contain('settled green');
      expect(out).to.match(/5 settle mediating → settled 李调解/);
      expect(out).to.contain("{ ok: true, events: 5 }");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docs/lifecycle.md', () => {
  it('is what the lifecycle table renders (regenerate with npm run docs:lifecycle -w @tiaojie/core)', () => {
    const { renderLifecycleDoc } = require(join(root, 'packages/core/dist/docs/lifecycle-doc.js'));
    expect(readFileSync(join(root, 'docs/lifecycle.md'), 'utf8')).to.equal(renderLifecycleDoc());
  });
});
