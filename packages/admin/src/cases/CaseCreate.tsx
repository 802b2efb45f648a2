import { CategoryInput } from '../common/CategoryInput';
import { Alert, Box, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/PersonAddAlt1Outlined';
import RemoveIcon from '@mui/icons-material/PersonRemoveOutlined';
import {
  ArrayInput,
  AutocompleteInput,
  BooleanInput,
  Button,
  Create,
  FormDataConsumer,
  NumberInput,
  RadioButtonGroupInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  maxLength,
  minLength,
  required,
  useNotify,
  usePermissions,
  useRedirect,
  useSimpleFormIterator,
  useSimpleFormIteratorItem,
  useTranslate,
} from 'react-admin';
import { hasRole } from '../authProvider';
import { AgentsInput } from './AgentsInput';
import { toFen } from '../format';
import { CASE_SOURCES, MEDIATION_TYPES, SEXES, CHANNELS, LINKED_CHANNELS, PARTY_KINDS, PARTY_ROLES, RISK_LEVELS } from '@tiaojie/core/domain';
import { choices } from '../choices';
import { creditCode, idNumber, money, phone, positiveInt } from './validators';
import type { CaseRec, FormValues } from '../records';
import { CnDateInput } from '../common/DateInputs';

/** One party: a column on a phone, two rows on a desktop. */
const partyGrid = { display: 'grid', width: '100%', columnGap: 2, gridTemplateColumns: { xs: '1fr', md: '140px 190px 1fr 1.3fr' }, alignItems: 'start' };
const F = (k: string) => `resources.cases.fields.${k}`;
const P = (k: string) => `resources.parties.fields.${k}`;
const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
/** The party's agents as core takes them: empty lines and empty fields left out, none at all as absent. */
const agentsOf = (v: unknown) => {
  const agents = (Array.isArray(v) ? (v as FormValues[]) : []).map((a) => clean({ name: str(a.name), authority: a.authority, scope: str(a.scope) })).filter((a) => a.name || a.authority);
  return agents.length ? agents : undefined;
};

/** The report of a risk of turning criminal as core takes it; the station and date only when reported. */
const criminalRiskOf = (v: FormValues = {}) =>
  clean({ measures: str(v.measures), reportedToPolice: Boolean(v.reportedToPolice), policeStation: v.reportedToPolice ? str(v.policeStation) : undefined, reportedOn: v.reportedToPolice ? v.reportedOn : undefined });

/** The body of `POST /api/cases` from the form: yuan to fen, empty fields left out. */
export function toRegistration(values: FormValues) {
  return clean({
    channel: values.channel,
    sourceRef: (LINKED_CHANNELS as readonly string[]).includes(values.channel ?? '') ? values.sourceRef?.trim() : undefined,
    // A linked channel's reference belongs to its channel body: the desk names it (a liaison's is their own).
    sourceOrgId: (LINKED_CHANNELS as readonly string[]).includes(values.channel ?? '') ? values.sourceOrgId : undefined,
    category: values.category,
    title: values.title?.trim(),
    description: values.description?.trim(),
    amountFen: toFen(values.amountYuan),
    peopleCount: values.peopleCount ? Number(values.peopleCount) : undefined,
    placeOrgId: values.placeOrgId,
    address: values.address?.trim(),
    risk: values.risk,
    // 人民调解法 第25条: a risk of turning criminal known at registration, with the measures and the report.
    criminalRisk: values.criminalRiskKnown ? criminalRiskOf(values.criminalRisk as FormValues | undefined) : undefined,
    parties: (values.parties ?? []).map((p) =>
      clean({
        role: p.role,
        kind: p.kind ?? 'person',
        name: p.name?.trim(),
        idNumber: p.kind === 'organization' ? undefined : p.idNumber?.trim().toUpperCase(),
        phone: p.phone?.trim(),
        address: p.address?.trim(),
        creditCode: p.kind === 'organization' ? p.creditCode?.trim().toUpperCase() : undefined,
        // The particulars the form asks for (issue 9 item 5) go with the party.
        legalRepresentative: p.kind === 'organization' ? str(p.legalRepresentative) : undefined,
        sex: p.kind === 'organization' ? undefined : p.sex,
        ethnicity: p.kind === 'organization' ? undefined : str(p.ethnicity),
        occupation: str(p.occupation),
        agents: agentsOf(p.agents),
      }),
    ),
  });
}

/**
 * The channels a person may register by hand, as core allows them: the desk any channel, a
 * mediator walk-ins and hotline calls, a grid worker grid reports, a legal adviser walk-ins
 * (a consultation that becomes a case), a liaison their linked channel with its reference.
 */
export function registrableChannels(roles: readonly string[]): string[] {
  const has = (r: string) => roles.includes(r);
  if (has('admin') || has('clerk')) return [...CHANNELS];
  const set = new Set<string>();
  if (has('mediator')) ['walk_in', 'hotline'].forEach((c) => set.add(c));
  if (has('grid')) set.add('grid');
  if (has('adviser')) set.add('walk_in');
  if (has('liaison')) LINKED_CHANNELS.forEach((c) => set.add(c));
  return CHANNELS.filter((c) => set.has(c));
}

/** Input-level rules only: react-admin does not combine them with form-level validation. */
/** Both sides are named from the start: the agreement that may settle the case must name them. */
const bothSides = (parties: FormValues[] | undefined) =>
  (parties ?? []).some((p) => p?.role === 'applicant') && (parties ?? []).some((p) => p?.role === 'respondent') ? undefined : 'app.validation.both_sides';

/** The party list's buttons say what they do, in words, not only an icon with a tooltip. */
function AddPartyButton() {
  const { add } = useSimpleFormIterator();
  return (
    <Button label="app.case.add_party" onClick={() => add()} data-testid="add-party">
      <AddIcon />
    </Button>
  );
}
function RemovePartyButton() {
  const { remove, index } = useSimpleFormIteratorItem();
  return (
    <Button label="app.case.remove_party" color="warning" onClick={() => remove()} data-testid={`remove-party-${index}`}>
      <RemoveIcon />
    </Button>
  );
}

/** How many people the parties are: the figure registration stores when the field is left empty. */
function PeopleCountInput() {
  const translate = useTranslate();
  return (
    <FormDataConsumer>
      {({ formData }) => (
        <NumberInput
          source="peopleCount"
          label={F('peopleCount')}
          validate={[positiveInt]}
          min={1}
          fullWidth
          helperText={formData.peopleCount ? false : translate('app.case.people_from_parties', { count: Math.max(1, formData.parties?.length ?? 0) })}
        />
      )}
    </FormDataConsumer>
  );
}

/**
 * Register a case (walk-in, hotline) or, for a grid worker, report a dispute from the phone:
 * facts, parties, amount and place, in one column that fits a 390-pixel screen.
 */
export function CaseCreate() {
  const { permissions } = usePermissions();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const gridOnly = hasRole(permissions, 'grid') && !hasRole(permissions, 'admin', 'clerk', 'mediator');
  const channels = registrableChannels(Array.isArray(permissions) ? permissions : []);
  const liaison = hasRole(permissions, 'liaison') && !hasRole(permissions, 'admin', 'clerk');
  const defaults = {
    channel: channels.includes('walk_in') ? 'walk_in' : channels[0],
    risk: 'low',
    parties: [
      { role: 'applicant', kind: 'person' },
      { role: 'respondent', kind: 'person' },
    ],
  };
  return (
    <Create
      title={gridOnly ? 'app.menu.report' : 'app.menu.register'}
      transform={toRegistration}
      mutationOptions={{
        onSuccess: (data: CaseRec) => {
          notify(gridOnly ? 'app.case.reported' : 'app.case.registered', { type: 'success', messageArgs: { number: data.caseNumber } });
          redirect('show', 'cases', data.id);
        },
      }}
      sx={{ maxWidth: 960 }}
    >
      <SimpleForm defaultValues={defaults} warnWhenUnsavedChanges>
        <Alert severity="info" sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}>
          {translate('app.case.register_help')}
        </Alert>
        {channels.length > 1 && <RadioButtonGroupInput source="channel" label={F('channel')} choices={choices('channel', channels)} validate={required()} />}
        <FormDataConsumer>
          {({ formData }) =>
            (LINKED_CHANNELS as readonly string[]).includes(formData.channel) && (
              <>
                <TextInput source="sourceRef" label={F('sourceRef')} validate={[required(), maxLength(100)]} fullWidth />
                {!liaison && (
                  <ReferenceInput
                    key={formData.channel}
                    source="sourceOrgId"
                    reference="organizations"
                    filter={{ type: ['channel', 'department'], channel: formData.channel, active: true }}
                    sort={{ field: 'name', order: 'ASC' }}
                    perPage={200}
                  >
                    <AutocompleteInput label={F('sourceOrgId')} optionText="name" validate={formData.sourceRef ? required() : undefined} fullWidth />
                  </ReferenceInput>
                )}
              </>
            )
          }
        </FormDataConsumer>
        <CategoryInput label={F('category')} req />
        <Box sx={{ display: 'flex', gap: 2, width: '100%', flexWrap: { xs: 'wrap', sm: 'nowrap' } }}>
          {/* Left empty, core derives them from the channel (人民调解法 第17条, 第18条). */}
          <SelectInput source="source" label={F('source')} choices={choices('caseSource', CASE_SOURCES)} emptyText="app.case.derived" fullWidth />
          <SelectInput source="mediationType" label={F('mediationType')} choices={choices('mediationType', MEDIATION_TYPES)} emptyText="app.case.derived" fullWidth />
        </Box>
        <TextInput source="title" label={F('title')} validate={[required(), minLength(2), maxLength(200)]} fullWidth />
        <TextInput source="description" label={F('description')} validate={[required(), minLength(5), maxLength(5000)]} multiline minRows={4} fullWidth />
        <Box sx={{ display: 'flex', gap: 2, width: '100%', flexWrap: { xs: 'wrap', sm: 'nowrap' } }}>
          <TextInput source="amountYuan" label="app.case.amount_yuan" inputMode="decimal" validate={money} fullWidth />
          <PeopleCountInput />
          <SelectInput source="risk" label={F('risk')} choices={choices('risk', RISK_LEVELS)} fullWidth />
        </Box>
        <BooleanInput source="criminalRiskKnown" label="app.case.criminal_risk_known" helperText="app.case.criminal_risk_help" />
        <FormDataConsumer<FormValues>>
          {({ formData }) =>
            formData.criminalRiskKnown ? (
              <Box sx={{ width: '100%' }}>
                <TextInput source="criminalRisk.measures" label="action_fields.measures" validate={[required(), maxLength(2000)]} multiline fullWidth />
                <BooleanInput source="criminalRisk.reportedToPolice" label="action_fields.reportedToPolice" defaultValue />
                {(formData.criminalRisk as FormValues | undefined)?.reportedToPolice !== false && (
                  <Box sx={{ display: 'flex', gap: 2, width: '100%', flexWrap: { xs: 'wrap', sm: 'nowrap' } }}>
                    <TextInput source="criminalRisk.policeStation" label="action_fields.policeStation" validate={maxLength(100)} fullWidth />
                    <CnDateInput source="criminalRisk.reportedOn" label="action_fields.reportedOn" validate={required()} fullWidth />
                  </Box>
                )}
              </Box>
            ) : null
          }
        </FormDataConsumer>
        <ReferenceInput source="placeOrgId" reference="organizations" filter={{ type: ['village', 'grid'] }} sort={{ field: 'name', order: 'ASC' }} perPage={500}>
          <AutocompleteInput label={F('placeOrgId')} optionText="name" fullWidth />
        </ReferenceInput>
        <TextInput source="address" label={F('address')} validate={maxLength(200)} fullWidth />

        <Typography variant="subtitle1" sx={{ mt: 2, fontWeight: 600 }}>
          {translate('app.case.parties')}
        </Typography>
        <ArrayInput source="parties" label={false} validate={bothSides} fullWidth>
          {/* react-admin shows the remove button only while the mouse is over its line: shown always, it can be found. */}
          <SimpleFormIterator
            disableReordering
            fullWidth
            addButton={<AddPartyButton />}
            removeButton={<RemovePartyButton />}
            sx={{ '& .RaSimpleFormIterator-line': { borderBottom: 1, borderColor: 'divider', pb: 1, mb: 1 }, '& .RaSimpleFormIterator-action': { visibility: 'visible' } }}>
            <Box sx={partyGrid}>
              <SelectInput source="role" label={P('role')} choices={choices('partyRole', PARTY_ROLES)} validate={required()} fullWidth />
              <RadioButtonGroupInput source="kind" label={P('kind')} choices={choices('partyKind', PARTY_KINDS)} row />
              <TextInput source="name" label={P('name')} validate={[required(), maxLength(100)]} fullWidth />
              <FormDataConsumer>
                {({ scopedFormData }) =>
                  scopedFormData?.kind === 'organization' ? (
                    <>
                      <TextInput source="creditCode" label={P('creditCode')} validate={creditCode} fullWidth />
                      <TextInput source="legalRepresentative" label={P('legalRepresentative')} validate={maxLength(100)} fullWidth />
                    </>
                  ) : (
                    <>
                      <TextInput source="idNumber" label={P('idNumber')} validate={idNumber} helperText="app.case.id_gives_birth" fullWidth />
                      <SelectInput source="sex" label={P('sex')} choices={choices('sex', SEXES)} fullWidth />
                      <TextInput source="ethnicity" label={P('ethnicity')} validate={maxLength(20)} fullWidth />
                    </>
                  )
                }
              </FormDataConsumer>
              <TextInput source="occupation" label={P('occupation')} validate={maxLength(50)} fullWidth />
              <TextInput source="phone" label={P('phone')} validate={phone} inputMode="tel" fullWidth />
              <TextInput source="address" label={P('address')} validate={maxLength(200)} fullWidth sx={{ gridColumn: { md: 'span 3' } }} />
              <Box sx={{ gridColumn: { md: 'span 3' } }}>
                <AgentsInput />
              </Box>
            </Box>
          </SimpleFormIterator>
        </ArrayInput>
      </SimpleForm>
    </Create>
  );
}

export default CaseCreate;
