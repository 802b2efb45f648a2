import { AuditEvent } from '../audit/audit-event.entity';
import { Attachment } from '../attachments/attachment.entity';
import { AdviserAssignment } from '../advisers/adviser-assignment.entity';
import { Consultation } from '../advisers/consultation.entity';
import { LegalOpinion } from '../advisers/legal-opinion.entity';
import { Agreement, AgreementNumberCounter } from '../cases/agreement.entity';
import { CaseNumberCounter } from '../cases/case-number-counter.entity';
import { CaseParticipant } from '../cases/case-participant.entity';
import { MediationCase } from '../cases/case.entity';
import { FollowUp } from '../cases/follow-up.entity';
import { JudicialConfirmation } from '../cases/judicial-confirmation.entity';
import { MediationSession } from '../cases/mediation-session.entity';
import { PerformanceRecord } from '../cases/performance-record.entity';
import { SupervisionOrder } from '../cases/supervision-order.entity';
import { Transfer } from '../cases/transfer.entity';
import { CaseEvent } from '../history/case-event.entity';
import { Organization } from '../organizations/organization.entity';
import { Party } from '../parties/party.entity';
import { SlaPolicy } from '../policies/sla-policy.entity';
import { SubsidyPolicy } from '../policies/subsidy-policy.entity';
import { SubsidyGrading } from '../policies/subsidy-grading.entity';
import { ApiKey } from '../system/api-key.entity';
import { PiiAccess } from '../system/pii-access.entity';
import { Setting } from '../system/setting.entity';
import { RevokedToken } from '../users/revoked-token.entity';
import { User } from '../users/user.entity';
import { CaseHistoryHead } from '../history/case-history-head.entity';
import { LoginThrottle } from '../system/login-throttle.entity';
import { OUTFLOW_ENTITIES } from '../outflow/entities';
import { DisputeCategory } from '../categories/dispute-category.entity';
import { PoolMediator } from '../pool/pool-mediator.entity';
import { Holiday } from '../calendar/holiday.entity';
import { CaseFigures, FigureDay, FigureMonth, FigureOpen } from '../figures/figure-cell.entity';
import { SubsidyClosing, SubsidyLine } from '../subsidy/subsidy-statement.entity';
import { CaseTerm } from '../search/case-term.entity';
import { CaseCount, CaseCountMark } from '../counts/case-count.entity';
import { ClassThreshold, EarlyWarning, WarningCase, WarningEvent } from '../warnings/warning.entity';

export const ENTITIES = [
  Organization, User, MediationCase, Party, CaseParticipant, CaseEvent, MediationSession, Agreement,
  JudicialConfirmation, PerformanceRecord, FollowUp, Transfer, SupervisionOrder, LegalOpinion, Consultation,
  AdviserAssignment, SlaPolicy, SubsidyPolicy, CaseNumberCounter, ApiKey, Setting, PiiAccess, AuditEvent, Attachment,
  CaseHistoryHead, LoginThrottle, RevokedToken,
  ...OUTFLOW_ENTITIES,
  DisputeCategory, AgreementNumberCounter, PoolMediator, Holiday,
  FigureDay, FigureOpen, CaseFigures, FigureMonth, ClassThreshold, EarlyWarning, WarningCase, WarningEvent, SubsidyClosing, SubsidyLine,
  CaseTerm,
  CaseCount, CaseCountMark,
  SubsidyGrading,
];
