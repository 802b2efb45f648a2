/**
 * The records the admin reads, typed by core's domain module (`@tiaojie/core/domain`, the shapes
 * the API sends) and widened to react-admin's RaRecord so its hooks accept them.
 */
import type { RaRecord } from 'react-admin';
import type {
  AdviserAssignmentRecord, ApiKeyRecord, CaseEventRecord, CaseRecord, ConsultationRecord, FieldErrorDetail, FollowUpRecord, JudicialConfirmationRecord,
  LegalOpinionRecord, MediationSessionRecord, AgreementRecord, OrganizationRecord, PartyRecord, PerformanceRecordRecord, SlaPolicyRecord, SupervisionOrderRecord,
  TransferRecord, UserRecord,
} from '@tiaojie/core/domain';

type Rec<T> = T & RaRecord;

export type CaseRec = Rec<CaseRecord & { handlingOrgName?: string; placeOrgName?: string; mediatorName?: string }>;
export type PartyRec = Rec<PartyRecord>;
export type CaseEventRec = Rec<CaseEventRecord>;
export type SessionRec = Rec<MediationSessionRecord>;
export type AgreementRec = Rec<AgreementRecord>;
export type PerformanceRec = Rec<PerformanceRecordRecord>;
export type ConfirmationRec = Rec<JudicialConfirmationRecord>;
export type FollowUpRec = Rec<FollowUpRecord>;
export type TransferRec = Rec<TransferRecord>;
export type SupervisionRec = Rec<SupervisionOrderRecord>;
export type OpinionRec = Rec<LegalOpinionRecord>;
export type ConsultationRec = Rec<ConsultationRecord>;
export type AssignmentRec = Rec<AdviserAssignmentRecord>;
export type SlaPolicyRec = Rec<SlaPolicyRecord>;
export type OrganizationRec = Rec<OrganizationRecord>;
export type UserRec = Rec<UserRecord>;
export type ApiKeyRec = Rec<ApiKeyRecord & { key?: string; apiKey?: string; secret?: string }>;
export type { FieldErrorDetail };

/**
 * What a form holds before it becomes a request body: whatever its inputs wrote, with the fields
 * the admin reshapes (trims, yuan to fen, local time to ISO) typed as the inputs write them.
 */
export interface FormValues {
  [field: string]: unknown;
  coMediatorIds?: number[];
  heldAt?: string;
  agreement?: { [field: string]: unknown; amountFen?: number | string | null };
  idNumber?: string | null;
  creditCode?: string | null;
  sourceRef?: string;
  title?: string;
  description?: string;
  address?: string;
  channel?: string;
  peopleCount?: number | string;
  amountYuan?: number | string | null;
  parties?: FormValues[];
  name?: string;
  phone?: string;
  kind?: string;
  role?: string;
}
