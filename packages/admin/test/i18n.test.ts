import { expect } from 'chai';
import englishMessages from 'ra-language-english';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as vocabulary from '@tiaojie/core/domain';
import { ACTIONS } from '@tiaojie/core/domain';
import zh from '../src/i18n/zh';
import en from '../src/i18n/en';
import { ACTION_FORMS } from '../src/cases/actionForms';

/** Every leaf key of a nested messages object, dotted. */
const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
const get = (o: any, path: string) => path.split('.').reduce((v, k) => v?.[k], o);

describe('i18n', () => {
  it('translates every message of react-admin 5 into Chinese', () => {
    const missing = keys(englishMessages).filter((k) => typeof get(zh, k) !== 'string' || get(zh, k) === '');
    expect(missing).to.deep.equal([]);
  });

  it('has the same keys in English and Chinese', () => {
    expect(keys(en).sort()).to.deep.equal(keys(zh).sort());
  });

  it('labels every enum value of core in both languages', () => {
    const groups: Array<[string, readonly string[]]> = [
      ['status', vocabulary.CASE_STATUSES],
      ['channel', vocabulary.CHANNELS],
      ['category', vocabulary.CATEGORIES],
      ['triage', vocabulary.TRIAGE_CLASSES],
      ['risk', vocabulary.RISK_LEVELS],
      ['light', vocabulary.LIGHTS],
      ['role', vocabulary.ROLES],
      ['organizationType', vocabulary.ORGANIZATION_TYPES],
      ['partyRole', vocabulary.PARTY_ROLES],
      ['partyKind', vocabulary.PARTY_KINDS],
      ['performance', vocabulary.PERFORMANCE_STATES],
      ['confirmation', vocabulary.CONFIRMATION_STATES],
      ['satisfaction', vocabulary.SATISFACTION_LEVELS],
      ['closeRoute', vocabulary.CLOSE_ROUTES],
      ['transferKind', vocabulary.TRANSFER_KINDS],
      ['transferState', vocabulary.TRANSFER_STATES],
      ['complexity', vocabulary.COMPLEXITY_LEVELS],
      ['clockStage', vocabulary.CLOCK_STAGES],
      ['supervisionState', vocabulary.SUPERVISION_STATES],
      ['statsCategory', vocabulary.STATS_CATEGORIES],
      ['caseSource', vocabulary.CASE_SOURCES],
      ['mediationType', vocabulary.MEDIATION_TYPES],
      ['agreementKind', vocabulary.AGREEMENT_KINDS],
      ['signatoryRole', vocabulary.SIGNATORY_ROLES],
      ['sex', vocabulary.SEXES],
      ['agentAuthority', vocabulary.AGENT_AUTHORITIES],
      ['consent', vocabulary.CONSENT_STATES],
      ['poolMediatorKind', vocabulary.POOL_MEDIATOR_KINDS],
      ['dayKind', vocabulary.DAY_KINDS],
      ['holidayKind', vocabulary.HOLIDAY_KINDS],
      ['referRoute', vocabulary.REFER_ROUTES],
    ];
    for (const messages of [zh, en])
      for (const [group, values] of groups) for (const v of values) expect(get(messages, `enums.${group}.${v}`), `enums.${group}.${v}`).to.be.a('string');
  });

  it('names every lifecycle action and gives each action a person may run a form', () => {
    for (const action of Object.keys(ACTIONS) as Array<keyof typeof ACTIONS>) {
      expect(get(zh, `actions.${action}`), action).to.equal(ACTIONS[action].description.zh);
      // A system action (no role may run it, e.g. `lapse`) has no form: nobody clicks it.
      if (Object.keys(ACTIONS[action].roles).length) expect(ACTION_FORMS, action).to.have.property(action);
      else expect(ACTION_FORMS, action).not.to.have.property(action);
    }
  });
});

describe('what the admin takes from core', () => {
  const SRC = resolve(import.meta.dirname, '../src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(p) ? [p] : [];
    });

  it('imports core only through @tiaojie/core/domain, which carries no server code', () => {
    const wrong = files(SRC).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from\s+'([^']+)'/g)]
        .map((m) => m[1])
        .filter((spec) => /^@tiaojie\/core|(\.\.\/)+core\//.test(spec) && spec !== '@tiaojie/core/domain')
        .map((spec) => `${relative(SRC, f)}: ${spec}`),
    );
    expect(wrong).to.deep.equal([]);
  });
});
