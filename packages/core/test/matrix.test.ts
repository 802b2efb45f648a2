import { expect } from 'chai';
import {
  ACTION_NAMES, ACTION_PAYLOADS, ACTIONS, ActionForbiddenError, ActionRule, CASE_STATUSES, CaseEvent, CaseParticipant, InvalidTransitionError, MediationCase, ROLES, Tiaojie,
  TiaojieError, ValidationError,
} from '../src';
import { buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

/**
 * The service enforces the whole table, not just the paths the other tests walk: every action is
 * refused from every status it does not run from, by every role it is not for, and without its
 * required fields, and a refusal changes nothing.
 */
forEachEngine('every action against the service', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  let caseId: number;

  before(async () => {
    tj = await db().open();
    center = await buildCenter(tj);
    caseId = (await tj.cases.register(center.actor.clerk, walkIn())).case.id;
    // Everyone who could be related to the case is: only status, role or payload can refuse.
    await tj.dataSource.getRepository(CaseParticipant).insert([
      { caseId, userId: center.user.eastMediator.id, role: 'mediator', joinedAt: new Date() },
      { caseId, userId: center.user.lawyer.id, role: 'adviser', joinedAt: new Date() },
    ]);
  });
  after(() => tj?.close());

  const setStatus = (status: string) => tj.dataSource.query('UPDATE cases SET status = ? WHERE id = ?', [status, caseId]);
  const state = async () => ({
    row: await tj.dataSource.getRepository(MediationCase).findOneByOrFail({ id: caseId }),
    events: await tj.dataSource.getRepository(CaseEvent).countBy({ caseId }),
  });
  const attempt = async (who: keyof Center['actor'], action: string, payload: object) => {
    const { version } = await tj.dataSource.getRepository(MediationCase).findOneByOrFail({ id: caseId });
    try {
      await tj.cases.run(center.actor[who], caseId, action, payload, version);
      return null;
    } catch (e) {
      return e as TiaojieError;
    }
  };
  /** A payload that passes validation for each action, so only the rule under test can refuse. */
  const valid: Record<string, object> = {
    accept: { triage: 'minor' }, reject: { reason: 'r' }, assign: { mediatorId: 1 }, reassign: { mediatorId: 1, reason: 'r' },
    recordSession: { heldAt: '2026-11-20T01:00:00Z', place: 'p', participants: 'p', minutes: 'm' }, suspend: { reason: 'r' },
    extendDeadline: { reason: 'r' }, fail: { reason: 'r' }, recordPerformance: { state: 'performed' },
    applyConfirmation: { court: 'c', appliedOn: '2026-11-20' }, recordConfirmation: { result: 'confirmed', decidedOn: '2026-11-20' },
    followUp: { method: 'phone', satisfaction: 'satisfied' }, refer: { route: 'litigation', note: 'n' }, transfer: { toOrganizationId: 1, reason: 'r' },
    escalate: { reason: 'r' }, declineTransfer: { reason: 'r' }, inviteAdviser: { adviserId: 1 }, giveOpinion: { title: 't', content: 'c' }, assessRisk: { risk: 'low', reason: 'r' }, reportCriminalRisk: { measures: 'm', reportedToPolice: false },
    edit: { title: '新标题' }, editParty: { role: 'third_party', name: '王五' }, withdraw: { reason: 'r' }, reopen: { reason: 'r' }, openSupervision: { instructions: 'i', deadlineDays: 3 },
    closeSupervision: { conclusion: 'c' }, recordConsent: { consent: 'given', on: '2026-11-20' },
    handleAdministratively: { reply: 'r', repliedOn: '2026-11-20' }, applyEnforcement: { court: 'c', appliedOn: '2026-11-20' },
    closeByCourtDocument: { documentNumber: 'n', issuedOn: '2026-11-20' },
    settle: { agreement: { facts: 'f', disputes: 'd', responsibilities: 'r', terms: 't', performanceMethod: 'm', performanceDeadline: '2026-12-31', signedOn: '2026-11-20' } },
  };
  const payloadOf = (action: string) => valid[action] ?? {};

  it('refuses every action from every status it does not run from', async () => {
    let refusals = 0;
    for (const status of CASE_STATUSES) {
      await setStatus(status);
      const before = await state();
      for (const action of ACTION_NAMES) {
        const rule: ActionRule = ACTIONS[action];
        if (rule.from.includes(status)) continue;
        const e = await attempt('admin', action, payloadOf(action));
        expect(e, `${action} from ${status}`).to.be.instanceOf(InvalidTransitionError);
        expect((e as InvalidTransitionError).reasonCode, `${action} from ${status}`).to.equal('CASE.WRONG_STATUS');
        refusals++;
      }
      expect(await state(), `after refusals from ${status}`).to.deep.equal(before);
    }
    expect(refusals).to.be.greaterThan(200);
  });

  it('refuses every action to every role it is not for', async () => {
    const actorOfRole: Record<string, keyof Center['actor']> = {
      admin: 'admin', clerk: 'clerk', mediator: 'eastMediator', adviser: 'lawyer', grid: 'grid', liaison: 'liaison', leader: 'leader',
    };
    for (const action of ACTION_NAMES) {
      const rule: ActionRule = ACTIONS[action];
      await setStatus(rule.from[0]);
      const before = await state();
      for (const role of ROLES) {
        if (role in rule.roles) continue;
        const e = await attempt(actorOfRole[role], action, payloadOf(action));
        // Out of scope is "not found"; in scope, the lifecycle names the role.
        const refused = e instanceof ActionForbiddenError ? e.reasonCode === 'CASE.ROLE_NOT_ALLOWED' : e?.code === 'NOT_FOUND';
        expect(refused, `${action} by ${role}: ${e?.code} ${(e as ActionForbiddenError)?.reasonCode}`).to.equal(true);
      }
      expect(await state(), `after role refusals of ${action}`).to.deep.equal(before);
    }
  });

  it('refuses every action without each of its required fields, naming the field', async () => {
    for (const action of ACTION_NAMES) {
      const keys = (ACTION_PAYLOADS[action].describe() as { keys?: Record<string, { flags?: { presence?: string } }> }).keys ?? {};
      const required = Object.entries(keys).filter(([, d]) => d.flags?.presence === 'required').map(([k]) => k);
      await setStatus((ACTIONS[action] as ActionRule).from[0]);
      const before = await state();
      for (const field of required) {
        const { [field]: _dropped, ...rest } = payloadOf(action) as Record<string, unknown>;
        const e = await attempt('admin', action, rest);
        expect(e, `${action} without ${field}`).to.be.instanceOf(ValidationError);
        expect((e as ValidationError).fields.map((f) => f.field), `${action} without ${field}`).to.include(field);
      }
      expect(await state()).to.deep.equal(before);
    }
  });
});
