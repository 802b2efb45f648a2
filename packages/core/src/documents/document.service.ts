import { DataSource } from 'typeorm';
import { factsOf, fieldError, mayRevealPersonalData } from '../cases/case.service';
import type { Actor } from '../cases/lifecycle';
import { transaction } from '../db/data-source';
import { appendEvent } from '../history/chain';
import { lockCaseInScope } from '../history/case-lock';
import { sha256Of } from '../attachments/storage';
import { Clock } from '../shared/clock';
import { InvalidTransitionError } from '../shared/errors';
import type { PersonalDataCipher } from '../shared/personal-data';
import { PiiAccess } from '../system/pii-access.entity';
import { availableDocuments, DocumentKind, DocumentOffer, isDocumentKind, DOCUMENT_KINDS } from './catalog';
import { assembleDocumentData } from './document-data';
import { renderDocument } from './render';

/** A generated paper: the DOCX bytes and what the history recorded of them. */
export interface GeneratedDocument {
  kind: DocumentKind;
  sessionId: number | null;
  title: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  /** SHA-256 of `bytes`, in hex, as recorded in the case's history. */
  sha256: string;
  /** Whether ID numbers and phones were printed in full. */
  personalData: 'full' | 'masked';
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The papers of a case (文书), generated on demand as DOCX from the case's records. Anyone who
 * may see the case may print its papers; ID numbers and phones are printed in full only for the
 * roles that may reveal them (and each such print is logged), masked for everyone else. Every
 * generation is a `generateDocument` event in the case's history with the file's SHA-256.
 */
export class DocumentService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** The papers the case can print now, in dossier order. @throws NotFoundError (also outside scope) */
  async offers(actor: Actor, caseId: number): Promise<DocumentOffer[]> {
    const em = this.ds.manager;
    const c = await lockCaseInScope(em, actor, caseId);
    return availableDocuments(await assembleDocumentData(em, c, { reveal: false, cipher: this.cipher, now: this.clock.now() }));
  }

  /**
   * Generate one paper and record it in the case's history, in one transaction.
   * @throws ValidationError (unknown kind, missing or foreign sessionId), NotFoundError (also
   * outside scope), InvalidTransitionError `DOCUMENT.NOT_AVAILABLE` (the case does not offer it now)
   */
  async generate(actor: Actor, caseId: number, kind: string, opts: { sessionId?: number } = {}): Promise<GeneratedDocument> {
    if (!isDocumentKind(kind)) throw fieldError('kind', 'any.only', `未知的文书种类，可选：${DOCUMENT_KINDS.join('、')}`, `Unknown document kind; one of ${DOCUMENT_KINDS.join(', ')}`);
    const sessionId = opts.sessionId ?? null;
    if (kind === 'session_record' && !(Number.isSafeInteger(sessionId) && sessionId! > 0)) throw fieldError('sessionId', 'any.required', '调解笔录需要指定调解记录', 'A session record needs the sessionId');
    return transaction(this.ds, async (em) => {
      const c = await lockCaseInScope(em, actor, caseId);
      const reveal = mayRevealPersonalData(actor, await factsOf(em, c));
      const now = this.clock.now();
      const data = await assembleDocumentData(em, c, { reveal, cipher: this.cipher, now });
      const offers = availableDocuments(data);
      const offer = offers.find((o) => o.kind === kind && (kind !== 'session_record' || o.sessionId === sessionId));
      if (!offer) {
        if (kind === 'session_record') throw fieldError('sessionId', 'any.invalid', '本案没有这次调解记录', 'No such session on this case');
        throw new InvalidTransitionError('generateDocument', 'DOCUMENT.NOT_AVAILABLE', { zh: '案件当前状态下不能制作该文书', en: 'The case does not offer this document now' }, [...new Set(offers.map((o) => o.kind))]);
      }
      const bytes = await renderDocument(kind, data, sessionId ?? undefined);
      const sha256 = sha256Of(bytes);
      if (reveal) {
        const log = data.parties.flatMap((p) =>
          (['idNumber', 'phone'] as const).filter((f) => p[f]).map((field) => ({ userId: actor.id, caseId: c.id, partyId: p.id, field, purpose: `document:${kind}`, at: now })),
        );
        if (log.length) await em.getRepository(PiiAccess).insert(log);
      }
      await appendEvent(em, {
        caseId: c.id,
        action: 'generateDocument',
        actor,
        at: now,
        fromStatus: c.status,
        toStatus: c.status,
        changes: {},
        payload: { kind, sessionId, title: offer.title, fileName: offer.fileName, size: bytes.length, sha256, personalData: data.personalData },
      });
      return { kind, sessionId, title: offer.title, fileName: offer.fileName, mimeType: DOCX_MIME, bytes, sha256, personalData: data.personalData };
    });
  }
}
