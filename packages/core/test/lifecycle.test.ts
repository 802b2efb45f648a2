import { expect } from 'chai';
import { CASE_STATUSES, ROLES } from '../src';
import { ACTION_NAMES, ACTIONS, Actor, ActionRule, allowedActions, CaseFacts, check, edges, endsHandover, Relation } from '../src/cases/lifecycle';

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  status: 'registered', channel: 'walk_in', triage: null, placeOrgId: 30, sourceOrgId: 9,
  mediatorIds: [], adviserIds: [], supervised: false, extended: false, followedUp: false,
  performance: null, closeRoute: null, confirmation: null, handlingOrgPath: '/1/2/', pendingTransferToPath: null, handlingOrgHasParent: true,
  ...over,
});
const actor = (roles: Actor['roles'], over: Partial<Actor> = {}): Actor => ({ id: 7, name: 't', roles, organizationId: 9, orgPath: '/1/2/', ...over });
/** An actor standing in every relation to the case: whatever is refused is refused for status, role or guard. */
const related = (roles: Actor['roles']) => actor(roles, { villageIds: [30] });
const relatedFacts = (over: Partial<CaseFacts> = {}) => facts({ mediatorIds: [7], adviserIds: [7], pendingTransferToPath: '/1/2/', ...over });

/*
 * The golden lifecycle, written out by hand from docs/domain.md and the 人民调解法 rules it cites.
 * It is deliberately NOT derived from ACTIONS: a change to the table must be made here too, on purpose.
 * For each action, in the order actions are offered: the statuses it runs from, the status it leads
 * to (null: the status stays), and every role that may ever run it with the relation it needs.
 */
const STATUSES = ['registered', 'accepted', 'rejected', 'assigned', 'mediating', 'suspended', 'settled', 'failed', 'closed', 'archived', 'withdrawn'];
const ALL_ROLES = ['admin', 'clerk', 'mediator', 'adviser', 'grid', 'liaison', 'leader'];

const GOLDEN: Array<[action: string, from: string[], to: string | null, roles: Record<string, Relation>]> = [
  ['accept', ['registered'], 'accepted', { clerk: 'scope', admin: 'scope' }],
  ['reject', ['registered'], 'rejected', { clerk: 'scope', admin: 'scope' }],
  ['assign', ['accepted'], 'assigned', { clerk: 'scope', admin: 'scope' }],
  ['reassign', ['assigned', 'mediating', 'suspended'], null, { clerk: 'scope', admin: 'scope' }],
  ['recordConsent', ['registered', 'accepted', 'assigned', 'mediating', 'suspended'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['startMediation', ['assigned'], 'mediating', { mediator: 'assigned', admin: 'scope' }],
  ['recordSession', ['mediating'], null, { mediator: 'assigned', adviser: 'adviser' }],
  ['suspend', ['mediating'], 'suspended', { mediator: 'assigned', admin: 'scope' }],
  ['resume', ['suspended'], 'mediating', { mediator: 'assigned', admin: 'scope' }],
  ['extendDeadline', ['mediating', 'suspended'], null, { mediator: 'assigned', admin: 'scope' }],
  ['settle', ['mediating'], 'settled', { mediator: 'assigned' }],
  ['fail', ['mediating'], 'failed', { mediator: 'assigned' }],
  // Nobody runs it: the light sweep does, for a category whose rule makes overdue count as failed.
  ['lapse', ['mediating'], 'failed', {}],
  ['recordPerformance', ['settled', 'closed'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['applyConfirmation', ['settled', 'closed'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['recordConfirmation', ['settled', 'closed'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['handleAdministratively', ['accepted', 'assigned', 'mediating', 'suspended'], 'closed', { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['applyEnforcement', ['settled', 'closed'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['followUp', ['settled'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['close', ['accepted', 'settled'], 'closed', { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['closeByCourtDocument', ['settled'], 'closed', { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['refer', ['failed', 'settled', 'closed'], 'closed', { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['transfer', ['accepted', 'assigned', 'mediating', 'suspended', 'failed'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['escalate', ['accepted', 'assigned', 'mediating', 'suspended', 'failed'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['acknowledge', ['accepted', 'assigned', 'mediating', 'suspended', 'failed'], 'accepted', { clerk: 'receiver', admin: 'receiver', mediator: 'receiver' }],
  ['declineTransfer', ['accepted', 'assigned', 'mediating', 'suspended', 'failed'], null, { clerk: 'receiver', admin: 'receiver', mediator: 'receiver' }],
  ['inviteAdviser', ['accepted', 'assigned', 'mediating', 'suspended'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['giveOpinion', ['accepted', 'assigned', 'mediating', 'suspended', 'settled', 'failed'], null, { adviser: 'adviser' }],
  ['assessRisk', ['registered', 'accepted', 'assigned', 'mediating', 'suspended', 'settled', 'failed'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned', leader: 'scope' }],
  ['reportCriminalRisk', ['registered', 'accepted', 'assigned', 'mediating', 'suspended', 'settled', 'failed'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned', leader: 'scope' }],
  ['edit', ['registered', 'accepted', 'assigned', 'mediating', 'suspended'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['editParty', ['registered', 'accepted', 'assigned', 'mediating', 'suspended'], null, { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['withdraw', ['registered', 'accepted', 'assigned', 'mediating', 'suspended'], 'withdrawn', { clerk: 'scope', admin: 'scope', mediator: 'assigned', liaison: 'source' }],
  ['reopen', ['settled', 'closed'], 'mediating', { clerk: 'scope', admin: 'scope', mediator: 'assigned' }],
  ['archive', ['closed', 'rejected', 'withdrawn'], 'archived', { clerk: 'scope', admin: 'scope' }],
  ['openSupervision', ['registered', 'accepted', 'rejected', 'assigned', 'mediating', 'suspended', 'settled', 'failed', 'closed', 'withdrawn'], null, { leader: 'scope', admin: 'scope' }],
  ['closeSupervision', ['registered', 'accepted', 'rejected', 'assigned', 'mediating', 'suspended', 'settled', 'failed', 'closed', 'archived', 'withdrawn'], null, { leader: 'scope', admin: 'scope' }],
];

const sorted = (xs: Iterable<string>) => [...xs].sort();
const actionOf = (name: string) => name as (typeof ACTION_NAMES)[number];

describe('lifecycle table', () => {
  describe('against the golden table', () => {
    it('has the statuses and roles of the domain, no more and no fewer', () => {
      expect(sorted(CASE_STATUSES)).to.deep.equal(sorted(STATUSES));
      expect(sorted(ROLES)).to.deep.equal(sorted(ALL_ROLES));
    });

    it('has exactly the golden actions, in the golden order', () => {
      expect(ACTION_NAMES).to.deep.equal(GOLDEN.map(([action]) => action));
    });

    for (const [action, from, to, roles] of GOLDEN) {
      describe(action, () => {
        it(`runs only from ${from.join(', ')}`, () => {
          const rule: ActionRule | undefined = ACTIONS[actionOf(action)];
          expect(rule, `${action} is in the table`).to.not.equal(undefined);
          expect(sorted(rule!.from)).to.deep.equal(sorted(from));
          // And the rule the service asks agrees: refused for status exactly where the golden table says.
          for (const status of STATUSES) {
            const v = check(relatedFacts({ status: status as CaseFacts['status'] }), related(ALL_ROLES as Actor['roles']), actionOf(action));
            const wrongStatus = !v.ok && v.reason.code === 'CASE.WRONG_STATUS';
            expect(wrongStatus, `${action} from ${status}`).to.equal(!from.includes(status));
          }
        });

        it(`leads to ${to ?? 'the same status'}`, () => {
          expect(ACTIONS[actionOf(action)].to).to.equal(to);
        });

        it(`may be run by ${Object.keys(roles).join(', ')} only`, () => {
          expect(ACTIONS[actionOf(action)].roles).to.deep.equal(roles);
          for (const role of ALL_ROLES) {
            const v = check(relatedFacts({ status: from[0] as CaseFacts['status'] }), related([role] as Actor['roles']), actionOf(action));
            const refusedForRole = !v.ok && v.reason.code === 'CASE.ROLE_NOT_ALLOWED';
            expect(refusedForRole, `${action} by ${role}`).to.equal(!(role in roles));
          }
        });
      });
    }

    it('draws exactly the golden edges in the status diagram', () => {
      const golden = GOLDEN.flatMap(([action, from, to]) => (to === null ? [] : from.map((f) => `${f} -${action}-> ${to}`)));
      expect(sorted(edges().map((e) => `${e.from} -${e.action}-> ${e.to}`))).to.deep.equal(sorted(golden));
    });
  });

  describe('relations', () => {
    const cases: Array<[Relation, string, CaseFacts, Actor, string]> = [
      ['assigned', 'a mediator not on the case', facts({ status: 'assigned', mediatorIds: [99] }), actor(['mediator']), 'startMediation'],
      ['adviser', 'a lawyer neither joined nor serving the village', facts({ status: 'mediating', adviserIds: [99] }), actor(['adviser'], { villageIds: [31] }), 'giveOpinion'],
      ['receiver', 'someone outside the receiving organization', facts({ status: 'accepted', pendingTransferToPath: '/1/3/' }), actor(['clerk']), 'acknowledge'],
      ['source', 'a liaison of another channel body', facts({ status: 'registered', sourceOrgId: 8 }), actor(['liaison']), 'withdraw'],
    ];
    for (const [relation, who, f, a, action] of cases) {
      it(`refuses ${action} to ${who} (${relation})`, () => {
        const v = check(f, a, action as never);
        expect(v.ok).to.equal(false);
        expect(!v.ok && v.reason.code).to.not.equal('CASE.ROLE_NOT_ALLOWED');
      });
    }
    it('lets a lawyer serving the village give an opinion without having joined', () => {
      expect(check(facts({ status: 'mediating' }), actor(['adviser'], { villageIds: [30] }), 'giveOpinion').ok).to.equal(true);
    });
    it('lets only the receiving organization acknowledge, not the sender above it nor an office below it', () => {
      const f = facts({ status: 'mediating', pendingTransferToPath: '/1/2/5/' });
      expect(check(f, actor(['clerk'], { orgPath: '/1/2/5/' }), 'acknowledge').ok).to.equal(true);
      expect(check(f, actor(['clerk'], { orgPath: '/1/' }), 'acknowledge').ok).to.equal(false);
      expect(check(f, actor(['clerk'], { orgPath: '/1/2/5/9/' }), 'acknowledge').ok).to.equal(false);
      expect(check(f, actor(['clerk'], { orgPath: '/1/2/6/' }), 'acknowledge').ok).to.equal(false);
    });
    // Issue 8, defect 4: the receiving office could edit, reassign and withdraw before 签收.
    it('gives the receiver of a pending transfer only acknowledge and decline, and leaves the sender every handling action', () => {
      const f = facts({ status: 'mediating', handlingOrgPath: '/1/2/', pendingTransferToPath: '/1/3/', mediatorIds: [8] });
      expect(allowedActions(f, actor(['clerk', 'admin'], { orgPath: '/1/3/' }))).to.deep.equal(['acknowledge', 'declineTransfer']);
      const edit = check(f, actor(['admin'], { orgPath: '/1/3/' }), 'edit');
      expect(!edit.ok && edit.reason.code).to.equal('CASE.NOT_HANDLING');
      expect(allowedActions(f, actor(['clerk', 'admin'], { orgPath: '/1/2/' }))).to.include.members(['reassign', 'edit', 'withdraw', 'transfer']);
    });
    it('offers a sender nothing on a case it handed over, and the county above the new handler everything', () => {
      const f = facts({ status: 'accepted', handlingOrgPath: '/1/3/' });
      expect(allowedActions(f, actor(['clerk', 'admin', 'leader'], { orgPath: '/1/2/' }))).to.deep.equal([]);
      expect(allowedActions(f, actor(['clerk', 'admin'], { orgPath: '/1/' }))).to.include.members(['assign', 'edit', 'withdraw']);
    });
    it('ends a pending hand-over where nobody could acknowledge it any more', () => {
      for (const status of ['settled', 'closed', 'rejected', 'withdrawn', 'archived'] as const) expect(endsHandover(status), status).to.equal(true);
      for (const status of ['accepted', 'assigned', 'mediating', 'suspended', 'failed'] as const) expect(endsHandover(status), status).to.equal(false);
    });
  });

  describe('guards', () => {
    const clerk = related(['clerk']);
    const refusal = (f: CaseFacts, a: Actor, action: string) => {
      const v = check(f, a, action as never);
      return v.ok ? null : v.reason.code;
    };
    it('extends the deadline only once', () => {
      expect(refusal(relatedFacts({ status: 'mediating' }), related(['mediator']), 'extendDeadline')).to.equal(null);
      expect(refusal(relatedFacts({ status: 'mediating', extended: true }), related(['mediator']), 'extendDeadline')).to.equal('CASE.ALREADY_EXTENDED');
    });
    it('closes a settled case only after its follow-up', () => {
      expect(refusal(relatedFacts({ status: 'settled' }), clerk, 'close')).to.equal('CASE.FOLLOW_UP_MISSING');
      expect(refusal(relatedFacts({ status: 'settled', followedUp: true }), clerk, 'close')).to.equal(null);
    });
    it('closes straight from acceptance only a private matter', () => {
      expect(refusal(relatedFacts({ status: 'accepted', triage: 'minor' }), clerk, 'close')).to.equal('CASE.NOT_PRIVATE');
      expect(refusal(relatedFacts({ status: 'accepted', triage: 'private' }), clerk, 'close')).to.equal(null);
    });
    it('acknowledges only a pending transfer', () => {
      expect(refusal(relatedFacts({ status: 'accepted', pendingTransferToPath: null }), clerk, 'acknowledge')).to.equal('CASE.NO_PENDING_TRANSFER');
    });
    it('escalates only where there is a parent', () => {
      expect(refusal(relatedFacts({ status: 'mediating', handlingOrgHasParent: false }), clerk, 'escalate')).to.equal('CASE.NO_PARENT_ORG');
    });
    it('reopens only a closed agreement that was not fully performed', () => {
      expect(refusal(relatedFacts({ status: 'closed', closeRoute: 'agreement', performance: 'performed' }), clerk, 'reopen')).to.equal('CASE.AGREEMENT_PERFORMED');
      expect(refusal(relatedFacts({ status: 'closed', closeRoute: 'litigation', performance: 'not_performed' }), clerk, 'reopen')).to.equal('CASE.AGREEMENT_PERFORMED');
      expect(refusal(relatedFacts({ status: 'closed', closeRoute: 'agreement', performance: 'partly' }), clerk, 'reopen')).to.equal(null);
    });
    it('records performance only on an agreement', () => {
      expect(refusal(relatedFacts({ status: 'closed', closeRoute: 'litigation' }), clerk, 'recordPerformance')).to.equal('CASE.NO_AGREEMENT');
      expect(refusal(relatedFacts({ status: 'closed', closeRoute: 'agreement' }), clerk, 'recordPerformance')).to.equal(null);
    });
    it('takes one judicial confirmation application at a time, and a new one after a rejection', () => {
      expect(refusal(relatedFacts({ status: 'settled', confirmation: 'applied' }), clerk, 'applyConfirmation')).to.equal('CASE.CONFIRMATION_EXISTS');
      expect(refusal(relatedFacts({ status: 'settled', confirmation: 'rejected' }), clerk, 'applyConfirmation')).to.equal(null);
      expect(refusal(relatedFacts({ status: 'settled', confirmation: null }), clerk, 'recordConfirmation')).to.equal('CASE.CONFIRMATION_NOT_APPLIED');
    });
    it('opens one supervision at a time and closes only an open one', () => {
      const leader = related(['leader']);
      expect(refusal(relatedFacts({ status: 'mediating', supervised: true }), leader, 'openSupervision')).to.equal('CASE.ALREADY_SUPERVISED');
      expect(refusal(relatedFacts({ status: 'mediating' }), leader, 'closeSupervision')).to.equal('CASE.NOT_SUPERVISED');
    });
  });

  describe('allowedActions', () => {
    it('offers a clerk the desk actions on a new case', () => {
      expect(allowedActions(facts(), actor(['clerk']))).to.deep.equal(['accept', 'reject', 'recordConsent', 'assessRisk', 'reportCriminalRisk', 'edit', 'editParty', 'withdraw']);
    });
    it('offers a grid worker nothing on the case they reported', () => {
      expect(allowedActions(facts(), actor(['grid']))).to.deep.equal([]);
    });
    it('offers the assigned mediator the mediation actions', () => {
      expect(allowedActions(facts({ status: 'mediating', mediatorIds: [7] }), actor(['mediator']))).to.include.members(['recordSession', 'suspend', 'extendDeadline', 'settle', 'fail', 'transfer', 'escalate']);
    });
    it('explains a refusal in Chinese and English', () => {
      const v = check(facts({ status: 'closed' }), actor(['clerk']), 'accept');
      expect(v.ok).to.equal(false);
      expect(!v.ok && v.reason.message.zh).to.contain('受理');
      expect(!v.ok && v.reason.message.en).to.contain('closed');
    });
  });

  describe('edges', () => {
    it('reaches every status from registration', () => {
      const seen = new Set(['registered']);
      let grew = true;
      while (grew) {
        grew = false;
        for (const e of edges()) {
          if (seen.has(e.from) && !seen.has(e.to)) {
            seen.add(e.to);
            grew = true;
          }
        }
      }
      expect(sorted(seen)).to.deep.equal(sorted(STATUSES));
    });
  });
});
