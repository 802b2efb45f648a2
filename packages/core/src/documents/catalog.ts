/**
 * Which papers a case offers now: a pure function of its DocumentData, so the API's list, the
 * admin's 文书 panel and the dossier's index agree.
 */
import type { DocumentData } from './document-data';
import { FORM_TITLES, FormKind } from './forms';
import { zhDate } from './format';

export const DOCUMENT_KINDS = [
  'registration', 'rejection_notice', 'rights_notice', 'session_record', 'agreement', 'oral_agreement',
  'confirmation_application', 'termination_notice', 'follow_up_record', 'dossier',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_TITLES: Record<DocumentKind, string> = { ...FORM_TITLES, dossier: '人民调解卷宗' };

/** One paper the case can print now. */
export interface DocumentOffer {
  kind: DocumentKind;
  /** 调解笔录 are one per session. */
  sessionId: number | null;
  title: string;
  /** The day the paper speaks of (YYYY-MM-DD), for the dossier's index. */
  date: string | null;
  fileName: string;
}

export const isDocumentKind = (s: unknown): s is DocumentKind => typeof s === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(s);

/** A file name the way offices name them: `（2026）平东调字第00001号人民调解协议书.docx`. */
export const documentFileName = (caseNumber: string, title: string) => `${caseNumber}${title}.docx`.replace(/[\\/:*?"<>|]/g, '_');

/**
 * The papers of a case in the order the dossier files them: registration; rejection (rejected
 * cases); the rights notice once accepted; one record per session; the agreement (written or
 * oral, only when one exists); the joint application for judicial confirmation (written
 * agreements); the termination notice (failed cases); the follow-up record; and the dossier.
 */
export function availableDocuments(d: DocumentData): DocumentOffer[] {
  const out: Array<Omit<DocumentOffer, 'fileName'>> = [];
  const add = (kind: FormKind | 'dossier', date: string | null, sessionId: number | null = null, suffix = '') =>
    out.push({ kind, sessionId, title: DOCUMENT_TITLES[kind] + suffix, date });
  add('registration', d.case.registeredOn);
  if (d.rejection) add('rejection_notice', d.rejection.on);
  if (d.case.acceptedOn && !d.rejection) add('rights_notice', d.case.acceptedOn);
  for (const s of d.sessions) add('session_record', s.heldAt.toISOString().slice(0, 10), s.id, `（第${s.number}次）`);
  if (d.agreement && !d.agreement.oral) add('agreement', d.agreement.signedOn);
  if (d.agreement?.oral) add('oral_agreement', d.agreement.signedOn);
  if (d.agreement && !d.agreement.oral) add('confirmation_application', d.confirmation?.appliedOn ?? null);
  if (d.failure) add('termination_notice', d.referral?.on ?? d.failure.on);
  if (d.followUps.length) add('follow_up_record', d.followUps[d.followUps.length - 1].at.toISOString().slice(0, 10));
  add('dossier', d.case.closedOn ?? d.generatedOn);
  return out.map((o) => ({ ...o, fileName: documentFileName(d.case.caseNumber, o.title) }));
}

/** `2026年11月20日`, or empty. */
export const offerDate = (o: Pick<DocumentOffer, 'date'>) => zhDate(o.date);
