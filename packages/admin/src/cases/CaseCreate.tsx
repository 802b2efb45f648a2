import { Alert, Box, Typography } from '@mui/material';
import {
  ArrayInput,
  AutocompleteInput,
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
  useTranslate,
} from 'react-admin';
import { hasRole } from '../authProvider';
import { toFen } from '../format';
import { CATEGORIES, DESK_CHANNELS, PARTY_KINDS, PARTY_ROLES, RISK_LEVELS, choices } from '../vocabulary';
import { creditCode, idNumber, money, phone, positiveInt } from './validators';

/** Full width on a phone, a fixed width in the row of a desktop form. */
const w = (md: number) => ({ width: { xs: '100%', md } });
const F = (k: string) => `resources.cases.fields.${k}`;
const P = (k: string) => `resources.parties.fields.${k}`;
const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/** The body of `POST /api/cases` from the form: yuan to fen, empty fields left out. */
export function toRegistration(values: any) {
  return clean({
    channel: values.channel,
    category: values.category,
    title: values.title?.trim(),
    description: values.description?.trim(),
    amountFen: toFen(values.amountYuan),
    peopleCount: values.peopleCount ? Number(values.peopleCount) : undefined,
    placeOrgId: values.placeOrgId,
    address: values.address?.trim(),
    risk: values.risk,
    parties: (values.parties ?? []).map((p: any) =>
      clean({
        role: p.role,
        kind: p.kind ?? 'person',
        name: p.name?.trim(),
        idNumber: p.kind === 'organization' ? undefined : p.idNumber?.trim().toUpperCase(),
        phone: p.phone?.trim(),
        address: p.address?.trim(),
        creditCode: p.kind === 'organization' ? p.creditCode?.trim().toUpperCase() : undefined,
      }),
    ),
  });
}

/** Input-level rules only: react-admin does not combine them with form-level validation. */
const atLeastOneApplicant = (parties: any[] | undefined) =>
  (parties ?? []).some((p) => p?.role === 'applicant') ? undefined : 'app.validation.at_least_one_applicant';

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
  const defaults = {
    channel: gridOnly ? 'grid' : 'walk_in',
    peopleCount: 1,
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
        onSuccess: (data: any) => {
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
        {!gridOnly && (
          <RadioButtonGroupInput source="channel" label={F('channel')} choices={choices('channel', DESK_CHANNELS.filter((c) => c !== 'grid'))} validate={required()} />
        )}
        <SelectInput source="category" label={F('category')} choices={choices('category', CATEGORIES)} validate={required()} fullWidth />
        <TextInput source="title" label={F('title')} validate={[required(), minLength(2), maxLength(200)]} fullWidth />
        <TextInput source="description" label={F('description')} validate={[required(), minLength(5), maxLength(5000)]} multiline minRows={4} fullWidth />
        <Box sx={{ display: 'flex', gap: 2, width: '100%', flexWrap: { xs: 'wrap', sm: 'nowrap' } }}>
          <TextInput source="amountYuan" label="app.case.amount_yuan" inputMode="decimal" validate={money} fullWidth />
          <NumberInput source="peopleCount" label={F('peopleCount')} validate={[positiveInt]} min={1} fullWidth />
          <SelectInput source="risk" label={F('risk')} choices={choices('risk', RISK_LEVELS)} fullWidth />
        </Box>
        <ReferenceInput source="placeOrgId" reference="organizations" filter={{ type: ['village', 'grid'] }} sort={{ field: 'name', order: 'ASC' }} perPage={500}>
          <AutocompleteInput label={F('placeOrgId')} optionText="name" fullWidth />
        </ReferenceInput>
        <TextInput source="address" label={F('address')} validate={maxLength(200)} fullWidth />

        <Typography variant="subtitle1" sx={{ mt: 2, fontWeight: 600 }}>
          {translate('app.case.parties')}
        </Typography>
        <ArrayInput source="parties" label={false} validate={atLeastOneApplicant} fullWidth>
          <SimpleFormIterator
            inline
            disableReordering
            fullWidth
            sx={{ '& .RaSimpleFormIterator-line': { borderBottom: 1, borderColor: 'divider', pb: 1, mb: 1 }, '& .RaSimpleFormIterator-inline': { columnGap: 2 } }}
          >
            <SelectInput source="role" label={P('role')} choices={choices('partyRole', PARTY_ROLES)} validate={required()} sx={w(130)} />
            <RadioButtonGroupInput source="kind" label={P('kind')} choices={choices('partyKind', PARTY_KINDS)} row sx={{ width: { xs: '100%', md: 'auto' } }} />
            <TextInput source="name" label={P('name')} validate={[required(), maxLength(100)]} sx={w(180)} />
            <FormDataConsumer>
              {({ scopedFormData }) =>
                scopedFormData?.kind === 'organization' ? (
                  <TextInput source="creditCode" label={P('creditCode')} validate={creditCode} sx={w(250)} />
                ) : (
                  <TextInput source="idNumber" label={P('idNumber')} validate={idNumber} sx={w(250)} />
                )
              }
            </FormDataConsumer>
            <TextInput source="phone" label={P('phone')} validate={phone} inputMode="tel" sx={w(160)} />
            <TextInput source="address" label={P('address')} validate={maxLength(200)} sx={w(260)} />
          </SimpleFormIterator>
        </ArrayInput>
      </SimpleForm>
    </Create>
  );
}

export default CaseCreate;
