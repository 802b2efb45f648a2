/**
 * Messages to the parties of a case (受理通知, 调解时间通知, 回访) through a gateway: a log-only
 * gateway by default, a generic HTTP gateway for an SMS platform. Templates are Chinese text an
 * admin edits, with `{{placeholders}}`. Every message is on the case's history.
 */
import Joi from 'joi';
import type { DataSource } from 'typeorm';
import { MediationCase } from '../cases/case.entity';
import type { Actor } from '../cases/lifecycle';
import { scopeCases } from '../cases/scope';
import { transaction } from '../db/data-source';
import { appendEvent } from '../history/chain';
import { Organization } from '../organizations/organization.entity';
import { Party } from '../parties/party.entity';
import { Clock } from '../shared/clock';
import { ForbiddenError, NotFoundError, StaleVersionError } from '../shared/errors';
import { hasRole, invalidField } from '../shared/listing';
import { maskPhone, PersonalDataCipher } from '../shared/personal-data';
import { validate } from '../shared/validation';
import { Setting } from '../system/setting.entity';
import { PartyMessage } from './party-message.entity';

export const PARTY_MESSAGE_KINDS = ['acceptance', 'session', 'follow_up'] as const;
export type PartyMessageKind = (typeof PARTY_MESSAGE_KINDS)[number];

/** The templates until an admin changes them. Placeholders: name, caseNumber, org, time, place. */
export const DEFAULT_TEMPLATES: Record<PartyMessageKind, string> = {
  acceptance: '{{name}}您好：您的纠纷（{{caseNumber}}）已由{{org}}受理，我们将尽快安排调解。',
  session: '{{name}}您好：您的纠纷（{{caseNumber}}）定于{{time}}在{{place}}进行调解，请准时参加。',
  follow_up: '{{name}}您好：{{org}}将就纠纷（{{caseNumber}}）调解协议的履行情况对您进行回访，感谢配合。',
};

/** One message as the gateway receives it (the full phone number). */
export interface OutgoingMessage {
  messageId: number;
  caseId: number;
  kind: PartyMessageKind;
  to: string;
  text: string;
}

/** Where messages go: an SMS platform, a government messaging service … */
export interface MessageGateway {
  /** Send one message; resolve with the platform's reference, reject when it was not accepted. */
  send(m: OutgoingMessage): Promise<{ reference?: string }>;
}

/** Writes messages to a log instead of sending them (the default: nothing leaves the server). */
export class LogGateway implements MessageGateway {
  constructor(private readonly log: (line: string, m: OutgoingMessage) => void = (line) => console.log(line)) {}
  async send(m: OutgoingMessage) {
    this.log(`tiaojie: message #${m.messageId} (${m.kind}) to ${maskPhone(m.to)}: ${m.text}`, m);
    return { reference: `log-${m.messageId}` };
  }
}

/** POSTs `{ to, text, kind, caseId, messageId }` as JSON to a URL (an SMS platform's adapter); 2xx is accepted. */
export class HttpGateway implements MessageGateway {
  constructor(private readonly opts: { url: string; token?: string; timeoutMs?: number }) {
    if (!/^https?:\/\//.test(opts.url)) throw new TypeError('HttpGateway: url must be http(s)');
  }
  async send(m: OutgoingMessage) {
    const res = await fetch(this.opts.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(this.opts.token ? { Authorization: `Bearer ${this.opts.token}` } : {}) },
      body: JSON.stringify(m),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    let reference: string | undefined;
    try {
      reference = (JSON.parse(text) as { reference?: string }).reference;
    } catch {
      /* a plain answer */
    }
    return { reference };
  }
}

/** Fill `{{placeholders}}`; an unknown one stays visible rather than vanishing. */
export const render = (template: string, vars: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);

const templateKey = (kind: PartyMessageKind) => `party_message_template.${kind}`;
/** What `send` takes: which template (`kind` of the messages), and for `session` when and where. */
export const partyMessageSendSchema = Joi.object({
  template: Joi.string().valid(...PARTY_MESSAGE_KINDS).required(),
  time: Joi.string().trim().max(50).when('template', { is: 'session', then: Joi.required() }),
  place: Joi.string().trim().max(100).when('template', { is: 'session', then: Joi.required() }),
  /** Only these parties (default: every party with a phone). */
  partyIds: Joi.array().items(Joi.number().integer().min(1)).max(50).unique(),
});
export const partyMessageTemplateSchema = Joi.object({ text: Joi.string().trim().min(4).max(300).required() });

const SENDERS = ['admin', 'clerk', 'mediator'] as const;

/** Party messages: templates (admin) and sending (desk and mediators of the case). */
export class PartyMessageService {
  gateway: MessageGateway = new LogGateway();

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** Every template, as edited or the default. */
  async templates(): Promise<Record<PartyMessageKind, string>> {
    const rows = await this.ds.getRepository(Setting).find();
    const out = { ...DEFAULT_TEMPLATES };
    for (const k of PARTY_MESSAGE_KINDS) out[k] = rows.find((r) => r.key === templateKey(k))?.value ?? out[k];
    return out;
  }

  /** Change a template (admins). @throws ForbiddenError, ValidationError */
  async setTemplate(actor: Actor, kind: string, input: unknown): Promise<Record<PartyMessageKind, string>> {
    if (!hasRole(actor, ['admin'])) throw new ForbiddenError();
    if (!(PARTY_MESSAGE_KINDS as readonly string[]).includes(kind)) throw invalidField('kind', '未知的通知类型', 'Unknown message kind');
    const { text } = validate<{ text: string }>(partyMessageTemplateSchema, input);
    await transaction(this.ds, async (em) => {
      const key = templateKey(kind as PartyMessageKind);
      if (await em.getRepository(Setting).findOneBy({ key })) await em.getRepository(Setting).update({ key }, { value: text });
      else await em.getRepository(Setting).insert({ key, value: text });
    });
    return this.templates();
  }

  /** The messages recorded on a case the actor may see, oldest first. @throws NotFoundError */
  async ofCase(actor: Actor, caseId: number): Promise<PartyMessage[]> {
    const seen = await scopeCases(this.ds.getRepository(MediationCase).createQueryBuilder('c'), 'c', actor).andWhere('c.id = :id', { id: caseId }).getCount();
    if (!seen) throw new NotFoundError('case', caseId);
    return this.ds.getRepository(PartyMessage).find({ where: { caseId }, order: { id: 'ASC' } });
  }

  /**
   * Send the message of a `template` to the case's parties with a phone: rendered, recorded on the case's
   * history (a compare-and-set on the case's version) and in `party_messages` in one
   * transaction, then handed to the gateway after commit; each message ends `sent` or `failed`.
   * @throws ValidationError, NotFoundError, ForbiddenError, StaleVersionError
   */
  async send(actor: Actor, caseId: number, input: unknown, expectedVersion: number): Promise<PartyMessage[]> {
    if (!hasRole(actor, SENDERS)) throw new ForbiddenError();
    const data = validate<{ template: PartyMessageKind; time?: string; place?: string; partyIds?: number[] }>(partyMessageSendSchema, input);
    const templates = await this.templates();
    const outgoing: OutgoingMessage[] = [];
    const rows = await transaction(this.ds, async (em) => {
      const c = await scopeCases(em.getRepository(MediationCase).createQueryBuilder('c'), 'c', actor).andWhere('c.id = :id', { id: caseId }).getOne();
      if (!c) throw new NotFoundError('case', caseId);
      const parties = await em.getRepository(Party).createQueryBuilder('p').addSelect('p.phoneCipher').where('p.caseId = :caseId', { caseId }).orderBy('p.id', 'ASC').getMany();
      const to = parties.filter((p) => p.phoneCipher && (!data.partyIds || data.partyIds.includes(p.id)));
      if (!to.length) throw invalidField('partyIds', '没有可以发送的当事人（需有电话）', 'No party with a phone to send to');
      const now = this.clock.now();
      const { affected } = await em.createQueryBuilder().update(MediationCase).set({ version: () => 'version + 1', updatedAt: now }).where('id = :id AND version = :v', { id: caseId, v: expectedVersion }).execute();
      if (affected !== 1) throw new StaleVersionError(caseId, expectedVersion, c.version);
      const org = await em.getRepository(Organization).findOneBy({ id: c.handlingOrgId });
      const saved: PartyMessage[] = [];
      for (const p of to) {
        const text = render(templates[data.template], { name: p.name, caseNumber: c.caseNumber, org: org?.name ?? '', time: data.time ?? '', place: data.place ?? '' }).slice(0, 500);
        const row = await em.getRepository(PartyMessage).save(
          em.getRepository(PartyMessage).create({ caseId, partyId: p.id, kind: data.template, toMasked: p.phoneMasked ?? '', text, state: 'pending', gatewayRef: null, error: null, createdAt: now, sentAt: null }),
        );
        saved.push(row);
        outgoing.push({ messageId: row.id, caseId, kind: data.template, to: this.cipher.decrypt(p.phoneCipher!), text });
      }
      await appendEvent(em, {
        caseId, action: 'messageParties', actor, at: now, fromStatus: c.status, toStatus: c.status, changes: {},
        payload: { kind: data.template, messages: saved.map((m) => ({ id: m.id, partyId: m.partyId, to: m.toMasked, text: m.text })) },
      });
      return saved;
    });
    return this.deliver(rows, outgoing);
  }

  /**
   * Send a `failed` message of the case again through the gateway, to the party's current phone:
   * back to `pending` and recorded on the case's history (`retryPartyMessage`, a compare-and-set
   * on the case's version) in one transaction, then handed to the gateway after commit; it ends
   * `sent` or `failed` again. A sent or pending message is refused.
   * @throws ValidationError, NotFoundError, ForbiddenError, StaleVersionError
   */
  async retry(actor: Actor, caseId: number, messageId: number, expectedVersion: number): Promise<PartyMessage> {
    if (!hasRole(actor, SENDERS)) throw new ForbiddenError();
    const outgoing: OutgoingMessage[] = [];
    const rows = await transaction(this.ds, async (em) => {
      const c = await scopeCases(em.getRepository(MediationCase).createQueryBuilder('c'), 'c', actor).andWhere('c.id = :id', { id: caseId }).getOne();
      if (!c) throw new NotFoundError('case', caseId);
      const m = await em.getRepository(PartyMessage).findOneBy({ id: messageId, caseId });
      if (!m) throw new NotFoundError('party-message', messageId);
      const party = await em.getRepository(Party).createQueryBuilder('p').addSelect('p.phoneCipher').where('p.id = :id AND p.caseId = :caseId', { id: m.partyId, caseId }).getOne();
      if (!party?.phoneCipher) throw invalidField('partyId', '该当事人已没有电话，无法重发', 'The party no longer has a phone');
      const now = this.clock.now();
      const { affected: claimed } = await em.createQueryBuilder().update(PartyMessage).set({ state: 'pending', error: null, toMasked: party.phoneMasked ?? m.toMasked }).where('id = :id AND state = :failed', { id: m.id, failed: 'failed' }).execute();
      if (claimed !== 1) throw invalidField('state', '只能重发发送失败的通知', 'Only a failed message can be sent again');
      const { affected } = await em.createQueryBuilder().update(MediationCase).set({ version: () => 'version + 1', updatedAt: now }).where('id = :id AND version = :v', { id: caseId, v: expectedVersion }).execute();
      if (affected !== 1) throw new StaleVersionError(caseId, expectedVersion, c.version);
      await appendEvent(em, {
        caseId, action: 'retryPartyMessage', actor, at: now, fromStatus: c.status, toStatus: c.status, changes: {},
        payload: { kind: m.kind, messageId: m.id, partyId: m.partyId, to: party.phoneMasked ?? m.toMasked, previousError: m.error },
      });
      outgoing.push({ messageId: m.id, caseId, kind: m.kind, to: this.cipher.decrypt(party.phoneCipher), text: m.text });
      return [Object.assign(m, { state: 'pending' as const, error: null, toMasked: party.phoneMasked ?? m.toMasked })];
    });
    return (await this.deliver(rows, outgoing))[0];
  }

  /** After commit: a rolled-back command sends nothing; a gateway failure is recorded on the message, not thrown. */
  private async deliver(rows: PartyMessage[], outgoing: OutgoingMessage[]): Promise<PartyMessage[]> {
    for (const [i, m] of outgoing.entries()) {
      try {
        const { reference } = await this.gateway.send(m);
        Object.assign(rows[i], { state: 'sent', gatewayRef: reference?.slice(0, 100) ?? null, sentAt: this.clock.now() });
      } catch (e) {
        Object.assign(rows[i], { state: 'failed', error: String((e as Error).message ?? e).slice(0, 500) });
      }
      await this.ds.getRepository(PartyMessage).update({ id: m.messageId }, { state: rows[i].state, gatewayRef: rows[i].gatewayRef, sentAt: rows[i].sentAt, error: rows[i].error });
    }
    return rows;
  }
}
