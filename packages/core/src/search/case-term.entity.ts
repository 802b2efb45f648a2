import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One entry of the text-search index (issue 12): case `caseId` has the character pair `term`
 * (see `search/terms.ts` for the encoding) in its case number, title, description, source
 * reference or a party's name. Kept in step with the case by the commands that change that text.
 */
@Entity('case_terms')
@Index('ix_case_terms_case', ['caseId'])
export class CaseTerm {
  /** Two code points of the folded text, as one integer (`first * 0x110000 + second`; second 0: the end of a field). */
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } }) term: number;
  @PrimaryColumn({ type: 'integer' }) caseId: number;
}
