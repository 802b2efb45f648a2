import { expect } from 'chai';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

/**
 * The layer boundaries of docs/architecture.md are lint rules (eslint.config.mjs); these cases
 * lint imports as if they stood in each package, so a config change that drops a boundary fails here.
 */
const root = resolve(__dirname, '..');
const eslint = new ESLint({ cwd: root });

async function messagesOf(rule: string, file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath: resolve(root, file) });
  return result.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}
const restricted = (file: string, source: string) => messagesOf('no-restricted-imports', file, source);

const cases: Array<[string, string, string, boolean]> = [
  ['core', 'packages/core/src/cases/probe.ts', "import '@tiaojie/api';", false],
  ['core', 'packages/core/src/cases/probe.ts', "import '@tiaojie/admin/src/App';", false],
  ['core', 'packages/core/src/cases/probe.ts', "import '../../../api/src/app';", false],
  ['core', 'packages/core/src/cases/probe.ts', "import 'typeorm';", true],
  ['api', 'packages/api/src/routes/probe.ts', "import { In } from 'typeorm';", false],
  ['api', 'packages/api/src/routes/probe.ts', "import type { EntityManager } from 'typeorm/entity-manager/EntityManager';", false],
  ['api', 'packages/api/src/routes/probe.ts', "import '@tiaojie/core/testing';", false],
  ['api', 'packages/api/src/routes/probe.ts', "import '@tiaojie/core/dist/cases/lifecycle';", false],
  ['api', 'packages/api/src/routes/probe.ts', "import '../../../core/src';", false],
  ['api', 'packages/api/src/routes/probe.ts', "import { openTiaojie } from '@tiaojie/core';", true],
  ['api test', 'packages/api/test/probe.test.ts', "import '@tiaojie/core/testing';", true],
  ['api test', 'packages/api/test/probe.test.ts', "import '@tiaojie/core/dist/index';", false],
  ['api test', 'packages/api/test/probe.test.ts', "import 'typeorm';", false],
  ['admin', 'packages/admin/src/cases/probe.ts', "import '@tiaojie/core';", false],
  ['admin', 'packages/admin/src/cases/probe.ts', "import '@tiaojie/core/testing';", false],
  ['admin', 'packages/admin/src/cases/probe.ts', "import '../../../core/src/shared/vocabulary';", false],
  ['admin', 'packages/admin/src/cases/probe.ts', "import { readFileSync } from 'node:fs';", false],
  ['admin', 'packages/admin/src/cases/probe.ts', "import { join } from 'path';", false],
  ['admin', 'packages/admin/src/cases/probe.ts', "import 'typeorm';", false],
  ['admin', 'packages/admin/src/cases/probe.ts', "import { ACTIONS } from '@tiaojie/core/domain';", true],
  ['admin', 'packages/admin/src/cases/probe.ts', "import { Button } from 'react-admin';", true],
  ['demo', 'packages/demo/src/probe.ts', "import { Repository } from 'typeorm';", false],
  ['demo', 'packages/demo/src/probe.ts', "import '@tiaojie/api';", false],
  ['demo', 'packages/demo/src/probe.ts', "import { openTiaojie } from '@tiaojie/core';", true],
];

/** Reaching the data source: refused where a layer must go through core's services. */
const dataSourceUses: Array<[string, string, boolean]> = [
  ['api', 'packages/api/src/routes/probe.ts', false],
  ['demo', 'packages/demo/src/probe.ts', false],
  ['core', 'packages/core/src/probe.ts', true],
];

describe('layer boundaries (eslint.config.mjs)', () => {
  for (const [layer, file, source, allowed] of cases) {
    it(`${allowed ? 'lets' : 'forbids'} ${layer}: ${source}`, async () => {
      const messages = await restricted(file, source);
      if (allowed) expect(messages).to.deep.equal([]);
      else expect(messages).to.have.length(1);
    });
  }

  for (const [layer, file, allowed] of dataSourceUses) {
    it(`${allowed ? 'lets' : 'forbids'} ${layer}: tj.dataSource`, async () => {
      const messages = await messagesOf('no-restricted-properties', file, 'declare const tj: { dataSource: unknown };\nvoid tj.dataSource;');
      expect(messages).to.have.length(allowed ? 0 : 1);
    });
  }

  for (const [layer, file, severity] of [['core', 'packages/core/src/probe.ts', 2], ['api', 'packages/api/src/routes/probe.ts', 2], ['api test', 'packages/api/test/probe.test.ts', 0]] as const) {
    it(`${severity ? 'refuses' : 'lets'} \`any\` in ${layer}`, async () => {
      const [result] = await eslint.lintText('export const untyped = (x: any) => x;\n', { filePath: resolve(root, file) });
      const hits = result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-explicit-any');
      expect(hits.map((m) => m.severity)).to.deep.equal(severity ? [severity] : []);
    });
  }

  it('keeps the temporary typeorm exemption to the files that still need it', async () => {
    // removed when the API no longer imports typeorm: then this file, too, must be refused.
    expect(await restricted('packages/api/src/resources.ts', "import '@tiaojie/core/dist/index';")).to.have.length(1);
  });
});
