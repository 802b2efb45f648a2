import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, DateColumn, FenColumn, IntColumn, StrColumn, TextColumn, TimeColumn } from '../db/columns';
import type { CaseSource, Category, Channel, ClockStage, CloseRoute, CaseStatus, ConsentState, MediationType, RiskLevel, Triage } from '../shared/vocabulary';

/**
 * A dispute (纠纷案件), registered once whatever channel it came from. Its status only changes
 * through the lifecycle's commands (`CaseService.run`), each of which appends a history event.
 * The clock is stored as instants (`deadlineAt`, `yellowAt`) so the light is an indexed
 * comparison with `now`, not a computation over every row.
 */
@Entity('cases')
@Index('ux_cases_source', ['channel', 'sourceOwnerId', 'sourceRef'], { unique: true })
@Index('ix_cases_org_status', ['handlingOrgPath', 'status'])
@Index('ix_cases_deadline', ['deadlineAt'])
@Index('ix_cases_yellow', ['yellowAt'])
@Index('ix_cases_registered', ['registeredAt'])
@Index('ix_cases_mediator_status', ['mediatorId', 'status'])
// The dashboard's figures, index-only per scope branch (migration 1765100000000).
@Index('ix_cases_status_clock', ['status', 'deadlineAt', 'yellowAt', 'handlingOrgPath'])
@Index('ix_cases_status_risk', ['status', 'risk', 'handlingOrgPath'])
@Index('ix_cases_registered_scope', ['registeredAt', 'status', 'handlingOrgPath', 'channel'])
export class MediationCase {
  @PrimaryGeneratedColumn() id: number;
  /** （2026）<prefix>调字第00042号; unique and gapless per registering organization and year. */
  @Index({ unique: true }) @StrColumn(64) caseNumber: string;
  @IntColumn() registeringOrgId: number;
  @IntColumn() year: number;
  @IntColumn() serial: number;

  @StrColumn(20) channel: Channel;
  /** The sending system's own reference (court case number, 警情编号 …); null for walk-ins. */
  @StrColumn(100, { nullable: true }) sourceRef: string | null;
  /** The channel body (organization) that pushed the case in, if any. */
  @Index() @IntColumn({ nullable: true }) sourceOrgId: number | null;
  /** Who owns `sourceRef`: the channel body (its id), or 0 for channels without bodies. References are unique per (channel, owner). */
  @IntColumn({ default: 0 }) sourceOwnerId: number;

  /** 来源方式: on application, on the committee's own initiative (人民调解法 第17条), or referred (第18条). */
  @StrColumn(20, { default: 'application' }) source: CaseSource;
  /** 调解类型: people's, administrative, sector, court-delegated (委派) or court-entrusted (委托). */
  @StrColumn(20, { default: 'people' }) mediationType: MediationType;
  @Index() @StrColumn(32) category: Category;
  @StrColumn(200) title: string;
  @TextColumn() description: string;
  @FenColumn({ nullable: true }) amountFen: number | null;
  @IntColumn({ default: 1 }) peopleCount: number;
  /** The village or grid where the dispute arose (drives the legal adviser's scope). */
  @Index() @IntColumn({ nullable: true }) placeOrgId: number | null;
  @StrColumn(200, { nullable: true }) address: string | null;

  @Index() @StrColumn(20) status: CaseStatus;
  @StrColumn(10, { nullable: true }) triage: Triage | null;
  @Index() @StrColumn(10, { default: 'low' }) risk: RiskLevel;

  @Index() @IntColumn() handlingOrgId: number;
  /** Copy of the handling organization's path: scope is a prefix match on it. */
  @StrColumn(255) handlingOrgPath: string;
  @Index() @IntColumn({ nullable: true }) mediatorId: number | null;
  @Index() @IntColumn({ nullable: true }) adviserId: number | null;
  /** The grid worker who reported it, or the user who registered it. */
  @Index() @IntColumn({ nullable: true }) reporterId: number | null;
  @IntColumn({ nullable: true }) createdById: number | null;

  // The clock (挂单计时). Null deadline: no clock runs (closed, or paused while suspended).
  @StrColumn(20, { nullable: true }) clockStage: ClockStage | null;
  @TimeColumn({ nullable: true }) clockStartedAt: Date | null;
  @TimeColumn({ nullable: true }) yellowAt: Date | null;
  @TimeColumn({ nullable: true }) deadlineAt: Date | null;
  /** While suspended: what was left of the limit, in ms, to the deadline and to yellow. */
  @FenColumn({ nullable: true }) pausedRemainingMs: number | null;
  @FenColumn({ nullable: true }) pausedYellowRemainingMs: number | null;
  @BoolColumn({ default: false }) extended: boolean;
  /** 30 days after the agreement takes effect: last day to apply for judicial confirmation. */
  @TimeColumn({ nullable: true }) confirmationDeadlineAt: Date | null;

  @TimeColumn() registeredAt: Date;
  @TimeColumn({ nullable: true }) acceptedAt: Date | null;
  @TimeColumn({ nullable: true }) settledAt: Date | null;
  @TimeColumn({ nullable: true }) closedAt: Date | null;
  @StrColumn(20, { nullable: true }) closeRoute: CloseRoute | null;
  @StrColumn(500, { nullable: true }) resultSummary: string | null;
  @BoolColumn({ default: false }) followedUp: boolean;
  @StrColumn(20, { nullable: true }) performance: string | null;

  /** The parties' answer to mediation (第17条: if one side refuses, there is no mediation) and when. */
  @StrColumn(10, { nullable: true }) consent: ConsentState | null;
  @DateColumn({ nullable: true }) consentOn: string | null;
  /** The mediator the parties chose or accepted (第23条). */
  @StrColumn(100, { nullable: true }) chosenMediator: string | null;
  /** The day the parties were told their rights and duties (权利义务告知, 第23条, 第24条). */
  @DateColumn({ nullable: true }) rightsNotifiedOn: string | null;

  /** 申请强制执行 of a confirmed agreement that was not performed (民事诉讼法 第206条): where and when. */
  @StrColumn(100, { nullable: true }) enforcementCourt: string | null;
  @DateColumn({ nullable: true }) enforcementAppliedOn: string | null;
  /** A court-referred case ended by the court's 调解书 instead of the agreement: its number and date. */
  @StrColumn(100, { nullable: true }) courtDocumentNumber: string | null;
  @DateColumn({ nullable: true }) courtDocumentOn: string | null;

  /** A major matter's responsible unit and person, named at acceptance (三事分流: 明确承办单位、科室和人员). */
  @IntColumn({ nullable: true }) responsibleOrgId: number | null;
  @StrColumn(100, { nullable: true }) responsiblePerson: string | null;
  /** A department's answer by administrative handling, and its date. */
  @TextColumn({ nullable: true }) administrativeReply: string | null;
  @DateColumn({ nullable: true }) administrativeReplyOn: string | null;

  @Index() @BoolColumn({ default: false }) supervised: boolean;
  /** A risk of the dispute turning criminal (民转刑) was reported on the case (人民调解法 第25条). */
  @BoolColumn({ default: false }) criminalRisk: boolean;
  /** The pending transfer or escalation, until the receiving organization acknowledges it. */
  @IntColumn({ nullable: true }) pendingTransferId: number | null;
  /** Path of the organization the pending transfer goes to: its members see the case to acknowledge it. */
  @Index() @StrColumn(255, { nullable: true }) pendingTransferToPath: string | null;
  /** Transfers in a row nobody acknowledged; at 3 the case is flagged for the parent and supervision. */
  @IntColumn({ default: 0 }) unacknowledgedTransfers: number;
  @Index() @BoolColumn({ default: false }) flagged: boolean;

  @IntColumn({ default: 1 }) version: number;
  @TimeColumn() updatedAt: Date;
}
