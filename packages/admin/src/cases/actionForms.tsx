import { useEffect, useState, type ReactNode } from 'react';
import {
  ArrayInput,
  BooleanInput,
  FormDataConsumer,
  SimpleFormIterator,
  AutocompleteArrayInput,
  AutocompleteInput,
  NumberInput,
  RadioButtonGroupInput,
  ReferenceArrayInput,
  ReferenceInput,
  SelectInput,
  TextInput,
  maxLength,
  maxValue,
  minValue,
  required,
} from 'react-admin';
import { toFen, today } from '../format';
import { API_URL, httpClient } from '../http';
import {
  ACTION_NAMES, AGREEMENT_KINDS, CASE_SOURCES, CONSENT_STATES, FOLLOW_UP_METHODS, MEDIATION_TYPES, PARTY_KINDS, PARTY_ROLES, PERFORMANCE_STATES, REFER_ROUTES, RISK_LEVELS,
  SATISFACTION_LEVELS, SEXES, SIGNATORY_ROLES, TRIAGE_CLASSES,
} from '@tiaojie/core/domain';
import { CategoryInput } from '../common/CategoryInput';
import { CnDateInput } from '../common/DateInputs';
import { AgentsInput } from './AgentsInput';
import { choices } from '../choices';
import { creditCode, idNumber, money, phone, positiveInt } from './validators';
import type { CaseRec, FormValues } from '../records';

/** How each lifecycle action asks for its payload: the inputs, defaults, and the body it sends. */
export interface ActionForm {
  inputs?: (record: CaseRec) => ReactNode;
  defaults?: (record: CaseRec) => Record<string, unknown>;
  /** Form values → the action's payload (yuan to fen, local times to ISO …). */
  toPayload?: (values: FormValues) => Record<string, unknown>;
  color?: 'primary' | 'secondary' | 'error' | 'success' | 'warning' | 'inherit';
  /** A long form (agreement, minutes) opens in a wider dialog. */
  wide?: boolean;
}

const L = (name: string) => `action_fields.${name}`;
const text = (source: string, opts: { req?: boolean; multiline?: boolean; max?: number } = {}) => (
  <TextInput
    key={source}
    source={source}
    label={L(source)}
    fullWidth
    multiline={opts.multiline}
    minRows={opts.multiline ? 3 : undefined}
    validate={[...(opts.req ? [required()] : []), maxLength(opts.max ?? (opts.multiline ? 5000 : 500))]}
  />
);
const reasonInput = () => text('reason', { req: true, multiline: true, max: 500 });
const noteInput = () => text('note', { multiline: true, max: 500 });
const userInput = (source: string, role: string, req = true) => (
  <ReferenceInput key={source} source={source} reference="users" filter={{ role, active: true }} sort={{ field: 'displayName', order: 'ASC' }} perPage={100}>
    <AutocompleteInput label={L(source)} optionText="displayName" validate={req ? required() : undefined} fullWidth />
  </ReferenceInput>
);
const orgInput = (source: string, filter: Record<string, unknown> = {}) => (
  <ReferenceInput key={source} source={source} reference="organizations" filter={{ active: true, ...filter }} sort={{ field: 'name', order: 'ASC' }} perPage={500}>
    <AutocompleteInput label={L(source)} optionText="name" validate={required()} fullWidth />
  </ReferenceInput>
);
/**
 * Where the case may go: only organizations with a member who may acknowledge (签收), as the API
 * answers them for this case (a village, a grid or a channel desk nobody can sign for is not offered).
 */
function TransferTargetInput({ caseId }: { caseId: number | string }) {
  const [targets, setTargets] = useState<Array<{ id: number; name: string }> | null>(null);
  useEffect(() => {
    let live = true;
    httpClient<Array<{ id: number; name: string }>>(`${API_URL}/cases/${encodeURIComponent(String(caseId))}/transfer-targets`)
      .then(({ json }) => live && setTargets(json))
      .catch(() => live && setTargets([]));
    return () => {
      live = false;
    };
  }, [caseId]);
  return (
    <AutocompleteInput
      source="toOrganizationId"
      label={L('toOrganizationId')}
      choices={targets ?? []}
      isPending={targets === null}
      optionText="name"
      translateChoice={false}
      validate={required()}
      helperText={targets !== null && targets.length === 0 ? L('noTransferTargets') : undefined}
      fullWidth
    />
  );
}

const enumSelect = (source: string, group: string, values: readonly string[], req = true) => (
  <SelectInput key={source} source={source} label={L(source)} choices={choices(group, values)} validate={req ? required() : undefined} fullWidth />
);
const enumRadio = (source: string, group: string, values: readonly string[]) => (
  <RadioButtonGroupInput key={source} source={source} label={L(source)} choices={choices(group, values)} validate={required()} />
);
const yuanInput = (source: string, req = false) => (
  <TextInput key={source} source={source} label={L(source)} inputMode="decimal" validate={req ? [required(), money] : money} fullWidth />
);
const dateInput = (source: string, req = true) => <CnDateInput key={source} source={source} label={L(source)} validate={req ? required() : undefined} fullWidth />;

/** Now, to the minute (shown in China time by the input). */
const nowToTheMinute = () => {
  const d = new Date();
  d.setSeconds(0, 0);
  return d.toISOString();
};
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/** A party's particulars (issue 9 item 5): birth date and sex come from the ID number when there is one. */
export const particularInputs = () => [
  enumSelect('sex', 'sex', SEXES, false),
  text('ethnicity', { max: 20 }),
  dateInput('birthDate', false),
  text('occupation', { max: 50 }),
  text('legalRepresentative', { max: 100 }),
  <AgentsInput key="agents" />,
];

export const ACTION_FORMS: Record<string, ActionForm> = {
  accept: {
    inputs: () => [
      enumRadio('triage', 'triage', TRIAGE_CLASSES),
      // 三事分流: a major matter names its responsible unit and person at once.
      <FormDataConsumer key="major">
        {({ formData }) =>
          formData.triage === 'major' && [
            orgInput('responsibleOrgId', { type: ['department', 'township', 'county'] }),
            text('responsiblePerson', { req: true, max: 100 }),
            <NumberInput key="sd" source="supervisionDays" label={L('supervisionDays')} validate={[positiveInt, maxValue(365)]} fullWidth />,
          ]
        }
      </FormDataConsumer>,
      enumSelect('risk', 'risk', RISK_LEVELS, false),
      noteInput(),
    ],
    defaults: (r) => ({ triage: 'minor', risk: r?.risk }),
    toPayload: (v) => compact(v.triage === 'major' ? v : { ...v, responsibleOrgId: undefined, responsiblePerson: undefined, supervisionDays: undefined }),
    color: 'primary',
  },
  recordConsent: {
    inputs: () => [enumRadio('consent', 'consent', CONSENT_STATES), dateInput('on'), text('chosenMediator', { max: 100 }), dateInput('rightsNotifiedOn', false), noteInput()],
    defaults: () => ({ consent: 'given', on: today(), rightsNotifiedOn: today() }),
  },
  handleAdministratively: {
    inputs: () => [text('reply', { req: true, multiline: true }), dateInput('repliedOn')],
    defaults: () => ({ repliedOn: today() }),
    color: 'success',
  },
  applyEnforcement: {
    inputs: () => [text('court', { req: true, max: 100 }), dateInput('appliedOn'), noteInput()],
    defaults: () => ({ appliedOn: today() }),
  },
  closeByCourtDocument: {
    inputs: () => [text('documentNumber', { req: true, max: 100 }), dateInput('issuedOn'), noteInput()],
    defaults: () => ({ issuedOn: today() }),
    color: 'success',
  },
  reject: { inputs: () => [reasonInput()], color: 'error' },
  assign: {
    inputs: () => [
      userInput('mediatorId', 'mediator'),
      <ReferenceArrayInput key="co" source="coMediatorIds" reference="users" filter={{ role: 'mediator', active: true }} perPage={100}>
        <AutocompleteArrayInput label={L('coMediatorIds')} optionText="displayName" fullWidth />
      </ReferenceArrayInput>,
    ],
    toPayload: (v) => compact({ mediatorId: v.mediatorId, coMediatorIds: v.coMediatorIds?.length ? v.coMediatorIds : undefined }),
    color: 'primary',
  },
  reassign: { inputs: () => [userInput('mediatorId', 'mediator'), reasonInput()] },
  startMediation: { color: 'primary' },
  recordSession: {
    inputs: () => [
      <CnDateInput key="heldAt" kind="datetime" source="heldAt" label={L('heldAt')} validate={required()} fullWidth />,
      text('place', { req: true, max: 200 }),
      text('participants', { req: true, multiline: true }),
      text('minutes', { req: true, multiline: true }),
      text('outcome', { max: 500 }),
      <ReferenceArrayInput key="pool" source="poolMediatorIds" reference="pool-mediators" filter={{ active: true }} perPage={200}>
        <AutocompleteArrayInput label={L('poolMediatorIds')} optionText="name" fullWidth />
      </ReferenceArrayInput>,
    ],
    defaults: () => ({ heldAt: nowToTheMinute() }),
    toPayload: (v) => compact({ ...v, heldAt: v.heldAt ? new Date(v.heldAt).toISOString() : undefined }),
    color: 'primary',
    wide: true,
  },
  suspend: { inputs: () => [reasonInput(), <BooleanInput key="appraisal" source="appraisal" label={L('appraisal')} />], color: 'warning' },
  resume: { inputs: () => [noteInput()] },
  extendDeadline: {
    inputs: () => [<NumberInput key="days" source="days" label={L('days')} validate={[positiveInt, minValue(1), maxValue(90)]} fullWidth />, reasonInput()],
  },
  settle: {
    inputs: () => [
      enumRadio('agreement.kind', 'agreementKind', AGREEMENT_KINDS),
      <FormDataConsumer key="byKind">
        {({ formData }) =>
          formData.agreement?.kind === 'oral'
            ? // 口头协议 (第28条): its content, effective when reached (第30条).
              [text('agreement.terms', { req: true, multiline: true }), dateInput('agreement.signedOn')]
            : [
                // Article 29 says "may"; requiring these is the house rule (docs/domain.md).
                text('agreement.facts', { req: true, multiline: true }),
                text('agreement.disputes', { req: true, multiline: true }),
                text('agreement.responsibilities', { req: true, multiline: true }),
                text('agreement.terms', { req: true, multiline: true }),
                yuanInput('agreement.amountFen'),
                text('agreement.performanceMethod', { req: true, max: 500 }),
                text('agreement.performancePlace', { max: 200 }),
                dateInput('agreement.performanceDeadline'),
                dateInput('agreement.signedOn'),
                text('agreement.committeeName', { max: 100 }),
                <ArrayInput key="sig" source="agreement.signatures" label={L('agreement.signatures')}>
                  <SimpleFormIterator inline disableReordering>
                    <SelectInput source="role" label={L('signatoryRole')} choices={choices('signatoryRole', SIGNATORY_ROLES)} validate={required()} />
                    <TextInput source="name" label={L('name')} validate={[required(), maxLength(100)]} />
                    <NumberInput source="poolMediatorId" label={L('poolMediatorId')} />
                    <CnDateInput source="signedOn" label={L('agreement.signedOn')} validate={required()} />
                  </SimpleFormIterator>
                </ArrayInput>,
              ]
        }
      </FormDataConsumer>,
    ],
    defaults: (r) => ({ agreement: { kind: 'written', facts: r?.description ?? '', signedOn: today(), amountFen: r?.amountFen != null ? String(r.amountFen / 100) : '' } }),
    toPayload: (v) => {
      const a = v.agreement ?? {};
      if (a.kind === 'oral') return { agreement: compact({ kind: 'oral', terms: a.terms, signedOn: a.signedOn }) };
      const signatures = Array.isArray(a.signatures) && a.signatures.length ? a.signatures.map((s: Record<string, unknown>) => compact(s)) : undefined;
      return { agreement: compact({ ...a, amountFen: toFen(a.amountFen), signatures }) };
    },
    color: 'success',
    wide: true,
  },
  fail: { inputs: () => [reasonInput()], color: 'error' },
  recordPerformance: {
    inputs: () => [enumRadio('state', 'performance', PERFORMANCE_STATES), yuanInput('amountPaidFen'), noteInput()],
    toPayload: (v) => compact({ ...v, amountPaidFen: toFen(v.amountPaidFen) }),
  },
  applyConfirmation: {
    inputs: () => [text('court', { req: true, max: 100 }), dateInput('appliedOn')],
    defaults: () => ({ appliedOn: today() }),
  },
  recordConfirmation: {
    inputs: () => [enumRadio('result', 'confirmationResult', ['confirmed', 'rejected']), dateInput('decidedOn'), text('rulingNumber', { max: 100 }), noteInput()],
    defaults: () => ({ decidedOn: today() }),
  },
  followUp: {
    inputs: () => [enumRadio('method', 'followUpMethod', FOLLOW_UP_METHODS), enumRadio('satisfaction', 'satisfaction', SATISFACTION_LEVELS), noteInput()],
    defaults: () => ({ method: 'phone' }),
    color: 'primary',
  },
  close: { inputs: () => [text('summary', { multiline: true, max: 500 })], color: 'success' },
  // 第26条 routes; core refuses the ones the law closes for the category (labour → arbitration first, land → government first).
  refer: { inputs: () => [enumRadio('route', 'referRoute', REFER_ROUTES), text('note', { req: true, multiline: true, max: 500 })] },
  transfer: { inputs: (r) => [<TransferTargetInput key="toOrganizationId" caseId={r.id} />, reasonInput()] },
  escalate: { inputs: () => [reasonInput()] },
  acknowledge: { inputs: () => [noteInput()], color: 'primary' },
  declineTransfer: { inputs: () => [reasonInput()], color: 'warning' },
  inviteAdviser: { inputs: () => [userInput('adviserId', 'adviser')] },
  giveOpinion: { inputs: () => [text('title', { req: true, max: 200 }), text('content', { req: true, multiline: true })], wide: true },
  assessRisk: { inputs: () => [enumRadio('risk', 'risk', RISK_LEVELS), reasonInput()], defaults: (r) => ({ risk: r?.risk }) },
  // 第25条: the date is required by core when reported; the input stays optional so an unreported case can be sent.
  reportCriminalRisk: {
    inputs: () => [
      text('measures', { req: true, multiline: true, max: 2000 }),
      <BooleanInput key="reportedToPolice" source="reportedToPolice" label={L('reportedToPolice')} />,
      text('policeStation', { max: 100 }),
      dateInput('reportedOn', false),
    ],
    defaults: () => ({ reportedToPolice: true, reportedOn: today() }),
    toPayload: (v) => compact(v),
    color: 'warning',
  },
  edit: {
    inputs: () => [
      text('title', { max: 200 }),
      text('description', { multiline: true }),
      <CategoryInput key="category" label={L('category')} />,
      enumSelect('source', 'caseSource', CASE_SOURCES, false),
      enumSelect('mediationType', 'mediationType', MEDIATION_TYPES, false),
      yuanInput('amountFen'),
      <NumberInput key="peopleCount" source="peopleCount" label={L('peopleCount')} validate={[positiveInt]} fullWidth />,
      text('address', { max: 200 }),
    ],
    defaults: (r) => ({
      title: r?.title,
      description: r?.description,
      category: r?.category,
      source: r?.source,
      mediationType: r?.mediationType,
      amountFen: r?.amountFen != null ? String(r.amountFen / 100) : '',
      peopleCount: r?.peopleCount,
      address: r?.address ?? '',
    }),
    toPayload: (v) => compact({ ...v, amountFen: toFen(v.amountFen) }),
    wide: true,
  },
  editParty: {
    // Pick a party to correct it (only the fields filled in change), or none to add one.
    inputs: (r) => [
      <ReferenceInput key="partyId" source="partyId" reference="parties" filter={{ caseId: r?.id }} sort={{ field: 'id', order: 'ASC' }} perPage={200}>
        <SelectInput label={L('partyId')} optionText="name" emptyText={L('newParty')} fullWidth />
      </ReferenceInput>,
      enumSelect('role', 'partyRole', PARTY_ROLES, false),
      enumRadio('kind', 'partyKind', PARTY_KINDS),
      text('name', { max: 100 }),
      <TextInput key="idNumber" source="idNumber" label={L('idNumber')} validate={[idNumber]} fullWidth />,
      <TextInput key="phone" source="phone" label={L('phone')} validate={[phone]} fullWidth />,
      text('address', { max: 200 }),
      <TextInput key="creditCode" source="creditCode" label={L('creditCode')} validate={[creditCode]} fullWidth />,
      ...particularInputs(),
    ],
    defaults: () => ({ kind: 'person' }),
    toPayload: (v) => compact({ ...v, idNumber: v.idNumber?.trim().toUpperCase(), creditCode: v.creditCode?.trim().toUpperCase() }),
    wide: true,
  },
  withdraw: { inputs: () => [reasonInput()], color: 'error' },
  reopen: { inputs: () => [reasonInput()] },
  archive: {},
  openSupervision: {
    inputs: () => [text('instructions', { req: true, multiline: true }), <NumberInput key="dd" source="deadlineDays" label={L('deadlineDays')} validate={[required(), positiveInt, maxValue(365)]} fullWidth />],
    defaults: () => ({ deadlineDays: 7 }),
    color: 'secondary',
  },
  closeSupervision: { inputs: () => [text('conclusion', { req: true, multiline: true, max: 500 })] },
};

/** Every lifecycle action, in the order core's table offers them. */
export const ACTION_ORDER: string[] = ACTION_NAMES.filter((a) => a in ACTION_FORMS);
