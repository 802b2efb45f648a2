import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import Joi from 'joi';
import { chinaDate, chinaDayEnd, chinaDayStart, chinaWeekStart, chinaYear } from '../src/domain/china-time';
import { actionsForRoles, isRoleRefusal, ROLE_REASON, rolesFor } from '../src/domain/lifecycle';
import { labelZh, pathLabelZh } from '../src/domain/labels';
import { snakeCase } from '../src/shared/strings';
import { validate, ValidationError } from '../src';

const SRC = resolve(__dirname, '../src');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
/** Module specifiers a file imports or re-exports; `typeOnly` says whether the import vanishes from the JavaScript. */
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)].map((m) => ({ spec: m[2], typeOnly: Boolean(m[1]) }));

describe('the domain module', () => {
  it('imports nothing outside its own folder: no node, no npm, no other part of core', () => {
    const outside = filesUnder(join(SRC, 'domain')).flatMap((f) =>
      importsOf(f)
        .filter(({ spec }) => !spec.startsWith('./'))
        .map(({ spec }) => `${relative(SRC, f)} imports ${spec}`),
    );
    expect(outside).to.deep.equal([]);
  });

  it('leaves no import cycle inside core', () => {
    const graph = new Map<string, string[]>();
    for (const f of filesUnder(SRC)) {
      const deps = importsOf(f)
        .filter(({ spec, typeOnly }) => spec.startsWith('.') && !typeOnly)
        .map(({ spec }) => {
          const base = resolve(dirname(f), spec);
          return [`${base}.ts`, join(base, 'index.ts')].find((p) => graph.has(p) || filesUnder(dirname(p)).includes(p)) ?? `${base}.ts`;
        });
      graph.set(f, deps);
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).to.deep.equal([]);
  });

  it('tells a refusal of who asks from a refusal of the case', () => {
    expect(Object.values(ROLE_REASON).every(isRoleRefusal)).to.equal(true);
    expect(isRoleRefusal({ code: 'CASE.WRONG_STATUS', message: { zh: '', en: '' } })).to.equal(false);
    expect(isRoleRefusal({ code: 'CASE.ALREADY_EXTENDED', message: { zh: '', en: '' } })).to.equal(false);
  });

  it('lists the roles of an action and the actions of roles from the table', () => {
    expect(rolesFor('settle')).to.deep.equal(['mediator']);
    expect(rolesFor('withdraw').sort()).to.deep.equal(['admin', 'clerk', 'liaison', 'mediator']);
    expect(actionsForRoles(['leader'])).to.deep.equal(['assessRisk', 'reportCriminalRisk', 'openSupervision', 'closeSupervision']);
    expect(actionsForRoles(['grid'])).to.deep.equal([]);
  });
});

describe('China time', () => {
  it('starts a calendar day at 16:00 UTC of the day before', () => {
    expect(chinaDayStart('2026-01-01').toISOString()).to.equal('2025-12-31T16:00:00.000Z');
    expect(chinaDayEnd('2026-01-01').toISOString()).to.equal('2026-01-01T15:59:59.999Z');
    expect(() => chinaDayStart('2026-1-1')).to.throw(RangeError);
  });

  it('puts the evening of New Year’s Eve in UTC into the new year in China', () => {
    const at = new Date('2025-12-31T16:30:00Z');
    expect(chinaYear(at)).to.equal(2026);
    expect(chinaDate(at)).to.equal('2026-01-01');
    expect(chinaDate(new Date('2025-12-31T15:59:59Z'))).to.equal('2025-12-31');
  });

  it('starts a week on Monday 00:00 China time', () => {
    // Sunday 2026-11-22 23:30 in China is still the week of Monday 2026-11-16.
    expect(chinaWeekStart(new Date('2026-11-22T15:30:00Z')).toISOString()).to.equal('2026-11-15T16:00:00.000Z');
    expect(chinaWeekStart(new Date('2026-11-22T16:00:00Z')).toISOString()).to.equal('2026-11-22T16:00:00.000Z');
  });
});

describe('names and messages', () => {
  it('writes camelCase as the database’s snake_case', () => {
    expect(snakeCase('handlingOrgId')).to.equal('handling_org_id');
    expect(snakeCase('HTTPServer')).to.equal('http_server');
    expect(snakeCase('id')).to.equal('id');
  });

  it('names fields in Chinese from the one table, items by their place', () => {
    expect(labelZh('agreement.terms')).to.equal('协议内容');
    expect(labelZh('registeredFrom')).to.equal('登记时间起');
    expect(labelZh('unknownField')).to.equal('unknownField');
    expect(pathLabelZh(['roles', 1], '请求内容')).to.equal('角色第 2 项');
    expect(pathLabelZh([], '请求内容')).to.equal('请求内容');
  });

  it('validates with the prefix and extra names a caller gives, in both languages', () => {
    const schema = Joi.object({ status: Joi.string().valid('a', 'b'), title: Joi.string().required() });
    let err: unknown;
    try {
      validate(schema, { status: 'c' }, { prefix: 'filter.', labels: { status: '办理状态' } });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(ValidationError);
    expect((err as ValidationError).fields).to.deep.equal([
      { field: 'filter.status', type: 'any.only', message: '办理状态必须是以下值之一：a、b', messages: { zh: '办理状态必须是以下值之一：a、b', en: 'status must be one of [a, b]' } },
      { field: 'filter.title', type: 'any.required', message: '案件标题不能为空', messages: { zh: '案件标题不能为空', en: 'title is required' } },
    ]);
  });
});
