import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FenColumn, IntColumn, StrColumn, TimeColumn } from '../db/columns';

/** What an attachment is, as the 卷宗 index lists it. */
export const ATTACHMENT_CATEGORIES = ['evidence', 'signed_scan', 'id_document', 'court_paper', 'other'] as const;
export type AttachmentCategory = (typeof ATTACHMENT_CATEGORIES)[number];

/**
 * A file uploaded to a case (证据, 签字扫描件, 身份证明, 法院文书 …), optionally about one session or
 * the agreement. The bytes live in the file storage under their SHA-256 (the same bytes are
 * stored once); this row says whose case they belong to. Rows are never deleted: before the case
 * closes the uploader may withdraw one (`withdrawnAt`), and a correction is a new row that
 * supersedes the old one (`supersedesId`), the old one staying in the dossier.
 */
@Entity('attachments')
@Index('ix_attachments_case', ['caseId', 'id'])
@Index('ix_attachments_sha256', ['sha256'])
export class Attachment {
  @PrimaryGeneratedColumn() id: number;
  @IntColumn() caseId: number;
  @IntColumn({ nullable: true }) sessionId: number | null;
  @IntColumn({ nullable: true }) agreementId: number | null;
  @StrColumn(20) category: AttachmentCategory;
  /** The name it was uploaded under (no directories). */
  @StrColumn(200) fileName: string;
  /** Detected from the bytes, not taken from the upload. */
  @StrColumn(100) mimeType: string;
  @FenColumn() size: number;
  @StrColumn(64) sha256: string;
  @StrColumn(500, { nullable: true }) note: string | null;
  @IntColumn() uploadedById: number;
  @StrColumn(64) uploadedByName: string;
  @TimeColumn() uploadedAt: Date;
  /** The earlier version this one corrects. */
  @IntColumn({ nullable: true }) supersedesId: number | null;
  /** The later version that corrects this one. */
  @IntColumn({ nullable: true }) supersededById: number | null;
  @TimeColumn({ nullable: true }) withdrawnAt: Date | null;
  @IntColumn({ nullable: true }) withdrawnById: number | null;
  @StrColumn(500, { nullable: true }) withdrawReason: string | null;
}
