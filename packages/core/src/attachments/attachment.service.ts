import Joi from 'joi';
import { basename } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { Agreement } from '../cases/agreement.entity';
import { factsOf } from '../cases/case.service';
import type { MediationCase } from '../cases/case.entity';
import { Actor, CaseFacts, Relation, relates } from '../cases/lifecycle';
import { MediationSession } from '../cases/mediation-session.entity';
import { transaction } from '../db/data-source';
import { appendEvent } from '../history/chain';
import { lockCaseInScope } from '../history/case-lock';
import { Clock } from '../shared/clock';
import { ForbiddenError, InvalidTransitionError, ValidationError } from '../shared/errors';
import { eqFilter, getRow, idsValue, idValue, listRows, ListQuery, listSpecOf, Page, ReadSpec, viaCase } from '../shared/listing';
import { validate } from '../shared/validation';
import type { Role } from '../shared/vocabulary';
import { Attachment, ATTACHMENT_CATEGORIES, AttachmentCategory } from './attachment.entity';
import { ATTACHMENT_TYPES, FileStorage, sha256Of, sniffType, VirusScanner } from './storage';

/** 20 MB: a phone photo of a signed agreement or a scanned court paper fits many times over. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** An upload: the bytes and what they are. */
export interface UploadInput {
  fileName: string;
  bytes: Buffer;
  category?: AttachmentCategory;
  note?: string;
  /** The session (调解记录) or agreement the file belongs to, on the same case. */
  sessionId?: number;
  agreementId?: number;
}

/** Who may upload to a case, by role and relation to it (the lifecycle's relations). */
const UPLOADERS: Partial<Record<Role, Relation>> = { admin: 'scope', clerk: 'scope', mediator: 'assigned', adviser: 'adviser', liaison: 'source' };

/** Whether this actor may upload to a case with these facts: its desk, its mediators, its adviser, the channel that sent it. */
export const mayUpload = (facts: CaseFacts, actor: Actor) => actor.roles.some((r) => UPLOADERS[r] && relates(facts, actor, UPLOADERS[r]!));

/** Statuses after which the case's file is closed: nothing is withdrawn from it any more. */
const CLOSED: readonly MediationCase['status'][] = ['closed', 'archived', 'rejected', 'withdrawn'];

const metaSchema = Joi.object({
  fileName: Joi.string().trim().min(1).max(200).required(),
  category: Joi.string().valid(...ATTACHMENT_CATEGORIES).default('evidence'),
  note: Joi.string().trim().max(500).allow(''),
  sessionId: Joi.number().integer().min(1),
  agreementId: Joi.number().integer().min(1),
});

const fileError = (type: string, zh: string, en: string) => new ValidationError([{ field: 'file', type, message: zh, messages: { zh, en } }]);
const refused = (action: string, code: string, zh: string, en: string) => new InvalidTransitionError(action, code, { zh, en }, []);

const SPEC: ReadSpec<Attachment> = {
  name: 'attachment',
  entity: Attachment,
  scope: viaCase,
  sortable: ['id', 'uploadedAt', 'fileName'],
  defaultSort: ['id', 'ASC'],
  filters: { caseId: eqFilter(idsValue), sessionId: eqFilter(idValue), agreementId: eqFilter(idValue), category: eqFilter(Joi.string().valid(...ATTACHMENT_CATEGORIES)) },
};

/**
 * Case attachments: upload (scanned for viruses through the hook, typed by magic bytes,
 * stored once per content), list and download in the case's scope, withdraw before the case
 * closes, supersede with a corrected version at any time. Every upload and withdrawal is in
 * the case's history; nothing is ever deleted.
 */
export class AttachmentService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly storage: FileStorage,
    private readonly scanner: VirusScanner,
    private readonly maxBytes = MAX_ATTACHMENT_BYTES,
  ) {}

  /** The largest file accepted, in bytes. */
  get limit(): number {
    return this.maxBytes;
  }

  /**
   * Upload a file to a case. The same bytes uploaded to the same case again answer the existing
   * attachment (`created: false`) and record nothing.
   * @throws ValidationError (file empty, too large, of a type not accepted, infected; bad fields),
   * NotFoundError (also outside scope), ForbiddenError, InvalidTransitionError (archived case)
   */
  async upload(actor: Actor, caseId: number, input: UploadInput): Promise<{ attachment: Attachment; created: boolean }> {
    return this.store(actor, caseId, input, null);
  }

  /**
   * A corrected version of an attachment: a new attachment on the same case that supersedes the
   * old one, which stays. Allowed after the case closed (the only way to correct its file).
   * @throws as `upload`; InvalidTransitionError when already superseded or withdrawn
   */
  async supersede(actor: Actor, attachmentId: number, input: UploadInput): Promise<Attachment> {
    const old = await this.get(actor, attachmentId);
    return (await this.store(actor, old.caseId, { category: old.category, sessionId: old.sessionId ?? undefined, agreementId: old.agreementId ?? undefined, ...input }, old)).attachment;
  }

  /**
   * Withdraw a mistaken upload: only its uploader, only before the case closes. The row and the
   * bytes stay; the dossier no longer lists it. @throws NotFoundError, ForbiddenError, InvalidTransitionError, ValidationError
   */
  async withdraw(actor: Actor, attachmentId: number, reason: string): Promise<Attachment> {
    const why = validate<{ reason: string }>(Joi.object({ reason: Joi.string().trim().min(1).max(500).required() }), { reason }).reason;
    const a = await this.get(actor, attachmentId);
    return transaction(this.ds, async (em) => {
      const c = await lockCaseInScope(em, actor, a.caseId);
      const current = await em.getRepository(Attachment).findOneByOrFail({ id: a.id });
      if (current.uploadedById !== actor.id) throw new ForbiddenError({ zh: '只有上传人可以撤回附件', en: 'Only the uploader may withdraw an attachment' });
      if (CLOSED.includes(c.status)) throw refused('withdrawAttachment', 'ATTACHMENT.CASE_CLOSED', '案件已结案，附件不能撤回；如有错误请上传更正版本', 'The case is closed: attachments are kept; upload a corrected version instead');
      if (current.withdrawnAt) throw refused('withdrawAttachment', 'ATTACHMENT.ALREADY_WITHDRAWN', '附件已撤回', 'The attachment was already withdrawn');
      const now = this.clock.now();
      await em.getRepository(Attachment).update({ id: a.id }, { withdrawnAt: now, withdrawnById: actor.id, withdrawReason: why });
      await appendEvent(em, {
        caseId: c.id,
        action: 'withdrawAttachment',
        actor,
        at: now,
        fromStatus: c.status,
        toStatus: c.status,
        changes: {},
        payload: { attachmentId: a.id, fileName: a.fileName, sha256: a.sha256, reason: why },
      });
      return em.getRepository(Attachment).findOneByOrFail({ id: a.id });
    });
  }

  /** A page of attachments of cases the actor may see (filter by `caseId`). @throws ValidationError */
  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  readonly listSpec = listSpecOf(SPEC);

  list(actor: Actor, query?: ListQuery): Promise<Page<Attachment>> {
    return listRows(this.ds.manager, SPEC, actor, query);
  }

  /** @throws NotFoundError (also outside the actor's scope) */
  get(actor: Actor, id: number): Promise<Attachment> {
    return getRow(this.ds.manager, SPEC, actor, id);
  }

  /** The attachment and its bytes, if the actor may see its case. @throws NotFoundError */
  async content(actor: Actor, id: number): Promise<{ attachment: Attachment; bytes: Buffer }> {
    const attachment = await this.get(actor, id);
    return { attachment, bytes: await this.storage.get(attachment.sha256) };
  }

  private async store(actor: Actor, caseId: number, input: UploadInput, old: Attachment | null): Promise<{ attachment: Attachment; created: boolean }> {
    const { bytes, ...meta } = input;
    const m = validate<Omit<UploadInput, 'bytes'> & { category: AttachmentCategory }>(metaSchema, { ...meta, fileName: basename(String(meta.fileName ?? '').replace(/\\/g, '/')) });
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw fileError('file.empty', '请选择要上传的文件', 'Choose a file to upload');
    if (bytes.length > this.maxBytes) {
      const mb = Math.floor(this.maxBytes / 1024 / 1024);
      throw fileError('file.tooLarge', `文件不能超过${mb}MB`, `The file is larger than ${mb} MB`);
    }
    const type = sniffType(bytes);
    if (!type) throw fileError('file.type', '只能上传 PDF、JPG、PNG、Word（doc/docx）或 Excel（xlsx）文件', 'Only PDF, JPEG, PNG, Word (doc/docx) or Excel (xlsx) files are accepted');
    const mimeType = ATTACHMENT_TYPES[type];
    // Checked before the bytes are stored, and again in the transaction.
    await this.checkMayUpload(this.ds.manager, actor, caseId);
    const verdict = await this.scanner.scan(bytes, { fileName: m.fileName, mimeType });
    if (!verdict.clean) throw fileError('file.infected', `文件未通过病毒扫描：${verdict.reason}`, `The file failed the virus scan: ${verdict.reason}`);
    const sha256 = sha256Of(bytes);
    // Content-addressed: stored before the row, so a row never points at missing bytes (a failed transaction leaves only unreferenced bytes).
    await this.storage.put(sha256, bytes);
    return transaction(this.ds, async (em) => {
      const c = await this.checkMayUpload(em, actor, caseId);
      const repo = em.getRepository(Attachment);
      if (old) {
        const current = await repo.findOneByOrFail({ id: old.id });
        if (current.supersededById) throw refused('uploadAttachment', 'ATTACHMENT.SUPERSEDED', '该附件已有更正版本，请更正最新版本', 'This attachment was already superseded; correct the latest version');
        if (current.withdrawnAt) throw refused('uploadAttachment', 'ATTACHMENT.WITHDRAWN', '已撤回的附件不能更正', 'A withdrawn attachment cannot be corrected');
        if (current.sha256 === sha256) throw fileError('file.same', '更正版本与原文件完全相同', 'The correction is the same file as the original');
      } else {
        const same = await repo.findOne({ where: { caseId, sha256 }, order: { id: 'ASC' } });
        if (same && !same.withdrawnAt && !same.supersededById) return { attachment: same, created: false };
      }
      if (m.sessionId && !(await em.getRepository(MediationSession).existsBy({ id: m.sessionId, caseId }))) {
        throw new ValidationError([{ field: 'sessionId', type: 'any.invalid', message: '本案没有这次调解记录', messages: { zh: '本案没有这次调解记录', en: 'No such session on this case' } }]);
      }
      if (m.agreementId && !(await em.getRepository(Agreement).existsBy({ id: m.agreementId, caseId }))) {
        throw new ValidationError([{ field: 'agreementId', type: 'any.invalid', message: '本案没有这份调解协议', messages: { zh: '本案没有这份调解协议', en: 'No such agreement on this case' } }]);
      }
      const now = this.clock.now();
      const saved = await repo.save(
        repo.create({
          caseId,
          sessionId: m.sessionId ?? null,
          agreementId: m.agreementId ?? null,
          category: m.category,
          fileName: m.fileName,
          mimeType,
          size: bytes.length,
          sha256,
          note: m.note || null,
          uploadedById: actor.id,
          uploadedByName: actor.name,
          uploadedAt: now,
          supersedesId: old?.id ?? null,
          supersededById: null,
          withdrawnAt: null,
          withdrawnById: null,
          withdrawReason: null,
        }),
      );
      if (old) await repo.update({ id: old.id }, { supersededById: saved.id });
      await appendEvent(em, {
        caseId,
        action: 'uploadAttachment',
        actor,
        at: now,
        fromStatus: c.status,
        toStatus: c.status,
        changes: {},
        payload: { attachmentId: saved.id, fileName: saved.fileName, category: saved.category, mimeType, size: saved.size, sha256, supersedesId: saved.supersedesId },
      });
      return { attachment: saved, created: true };
    });
  }

  private async checkMayUpload(em: EntityManager, actor: Actor, caseId: number): Promise<MediationCase> {
    const c = await lockCaseInScope(em, actor, caseId);
    if (!mayUpload(await factsOf(em, c), actor)) throw new ForbiddenError({ zh: '您不能向本案上传附件', en: 'You may not upload files to this case' });
    if (c.status === 'archived') throw refused('uploadAttachment', 'ATTACHMENT.CASE_ARCHIVED', '案件已归档，不能再上传附件', 'The case is archived; no more files can be added');
    return c;
  }
}

