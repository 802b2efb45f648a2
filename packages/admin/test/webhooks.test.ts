import { expect } from 'chai';
import { CASE_EVENT_TYPES } from '../../core/src/outflow/events';
import { NOTIFICATION_KINDS } from '../../core/src/outflow/kinds';
import zh from '../src/i18n/zh';
import en from '../src/i18n/en';

// The page's module imports react-admin components; read its list of event types from the source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('the webhooks page and the bell', () => {
  it('offers exactly core’s event types, each named in both languages', () => {
    const src = readFileSync(join(__dirname, '../src/webhooks/Webhooks.tsx'), 'utf8');
    const listed = [...src.slice(src.indexOf('EVENT_TYPES = ['), src.indexOf('];', src.indexOf('EVENT_TYPES = ['))).matchAll(/'(case\.[a-z_]+)'/g)].map((m) => m[1]);
    expect(listed).to.deep.equal(CASE_EVENT_TYPES);
    for (const t of CASE_EVENT_TYPES) {
      expect((zh.app.webhooks.events as Record<string, string>)[t], t).to.be.a('string');
      expect((en.app.webhooks.events as Record<string, string>)[t], t).to.be.a('string');
    }
  });

  it('names every notification kind in both languages', () => {
    for (const k of NOTIFICATION_KINDS) {
      expect((zh.app.notifications.kind as Record<string, string>)[k], k).to.be.a('string');
      expect((en.app.notifications.kind as Record<string, string>)[k], k).to.be.a('string');
    }
  });
});
