/**
 * The enum values of core's vocabulary (packages/core/src/shared/vocabulary.ts), mirrored
 * here because the admin bundle must not pull in core's server code; their labels live in
 * i18n under `enums.*`. A test checks both lists stay equal.
 */
export const ROLES = ['admin', 'clerk', 'mediator', 'adviser', 'grid', 'liaison', 'leader'] as const;
export const ORGANIZATION_TYPES = ['county', 'township', 'village', 'grid', 'specialized', 'channel', 'department'] as const;
export const CHANNELS = ['court', 'procuratorate', 'police', 'government', 'petition', 'walk_in', 'hotline', 'grid'] as const;
/** Channels whose cases arrive from another system with its own reference (and an API key). */
export const LINKED_CHANNELS = ['court', 'procuratorate', 'police', 'government', 'petition'] as const;
export const CATEGORIES = [
  'marriage_family',
  'neighbourhood',
  'contract',
  'labour',
  'property_management',
  'traffic',
  'medical',
  'land',
  'expropriation',
  'consumer',
  'damages',
  'other',
] as const;
export const TRIAGE_CLASSES = ['major', 'minor', 'private'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const CASE_STATUSES = [
  'registered',
  'accepted',
  'rejected',
  'assigned',
  'mediating',
  'suspended',
  'settled',
  'failed',
  'closed',
  'archived',
  'withdrawn',
] as const;
export const PARTY_ROLES = ['applicant', 'respondent', 'third_party'] as const;
export const PARTY_KINDS = ['person', 'organization'] as const;
export const PERFORMANCE_STATES = ['performed', 'partly', 'not_performed'] as const;
export const CONFIRMATION_STATES = ['applied', 'confirmed', 'rejected'] as const;
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const CLOSE_ROUTES = ['agreement', 'litigation', 'court_return', 'guidance'] as const;
export const COMPLEXITY_LEVELS = ['simple', 'ordinary', 'difficult', 'major'] as const;
export const LIGHTS = ['green', 'yellow', 'red'] as const;
export const FOLLOW_UP_METHODS = ['phone', 'visit', 'message'] as const;

/** Choices for a SelectInput: ids with translatable names (`enums.<group>.<value>`). */
export const choices = (group: string, values: readonly string[]) => values.map((id) => ({ id, name: `enums.${group}.${id}` }));
