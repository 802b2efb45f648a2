import { CategoryArrayInput, CategoryField } from '../common/CategoryInput';
import { Box, Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import GavelIcon from '@mui/icons-material/Gavel';
import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  SimpleList,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { CaseListExport } from '../statistics/CaseListExport';
import { CnDateField, EnumField, LightChip, LightField, RiskChip, RiskField, StatusField, useFormat } from '../common/fields';
import { hasRole } from '../authProvider';
import { CASE_STATUSES, CHANNELS, LIGHTS, RISK_LEVELS, TRIAGE_CLASSES } from '@tiaojie/core/domain';
import { choices } from '../choices';
import { CnDateInput } from '../common/DateInputs';
import { BulkAssignButton } from './BulkAssignButton';
import type { CaseRec } from '../records';

const F = (k: string) => `resources.cases.fields.${k}`;

const caseFilters = (translate: (k: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.cases.fields.q')} sx={{ minWidth: 260 }} />,
  <SelectArrayInput key="light" source="light" label={F('light')} choices={choices('light', LIGHTS)} alwaysOn sx={{ minWidth: 120 }} />,
  <SelectArrayInput key="status" source="status" label={F('status')} choices={choices('status', CASE_STATUSES)} sx={{ minWidth: 140 }} />,
  <SelectArrayInput key="channel" source="channel" label={F('channel')} choices={choices('channel', CHANNELS)} sx={{ minWidth: 140 }} />,
  <CategoryArrayInput key="category" source="category" label={F('category')} />,
  <SelectInput key="triage" source="triage" label={F('triage')} choices={choices('triage', TRIAGE_CLASSES)} />,
  <SelectArrayInput key="risk" source="risk" label={F('risk')} choices={choices('risk', RISK_LEVELS)} sx={{ minWidth: 120 }} />,
  <ReferenceInput key="org" source="organizationId" reference="organizations" perPage={500} sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput label={F('organizationId')} optionText="name" sx={{ minWidth: 220 }} />
  </ReferenceInput>,
  <ReferenceInput key="med" source="mediatorId" reference="users" filter={{ role: 'mediator' }} perPage={100}>
    <AutocompleteInput label={F('mediatorId')} optionText="displayName" sx={{ minWidth: 160 }} />
  </ReferenceInput>,
  <ReferenceInput key="adv" source="adviserId" reference="users" filter={{ role: 'adviser' }} perPage={100}>
    <AutocompleteInput label={F('adviserId')} optionText="displayName" sx={{ minWidth: 160 }} />
  </ReferenceInput>,
  <NullableBooleanInput key="sup" source="supervised" label={F('supervised')} />,
  // Cases this office handed over and another acknowledged: read-only here, to see how they ended.
  <NullableBooleanInput key="handed" source="handedOver" label={F('handedOver')} />,
  <CnDateInput key="rf" source="registeredFrom" label={F('registeredFrom')} bound="start" />,
  <CnDateInput key="rt" source="registeredTo" label={F('registeredTo')} bound="end" />,
  <CnDateInput key="df" source="deadlineFrom" label={F('deadlineFrom')} bound="start" />,
  <CnDateInput key="dt" source="deadlineTo" label={F('deadlineTo')} bound="end" />,
];

function ListActions() {
  const { permissions } = usePermissions();
  return (
    <TopToolbar>
      <FilterButton />
      {hasRole(permissions, 'admin', 'clerk', 'mediator', 'grid', 'adviser', 'liaison') && (
        <CreateButton label={hasRole(permissions, 'grid') && !hasRole(permissions, 'admin', 'clerk', 'mediator') ? 'app.menu.report' : 'app.menu.register'} />
      )}
      <CaseListExport />
    </TopToolbar>
  );
}

function CaseNumberAndTitle({ record }: { record: CaseRec }) {
  return (
    <Box sx={{ minWidth: 200 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {record.title}
        {record.supervised && <GavelIcon color="secondary" sx={{ fontSize: 16, ml: 0.5, verticalAlign: 'text-bottom' }} />}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {record.caseNumber}
      </Typography>
    </Box>
  );
}

function MobileList() {
  const translate = useTranslate();
  const fmt = useFormat();
  return (
    <SimpleList
      primaryText={(r: CaseRec) => r.title}
      secondaryText={(r: CaseRec) => `${r.caseNumber} · ${translate(`enums.status.${r.status}`)}`}
      tertiaryText={(r: CaseRec) => fmt.date(r.registeredAt)}
      leftAvatar={undefined}
      rightIcon={(r: CaseRec) => (
        <Stack spacing={0.5} sx={{ alignItems: 'flex-end' }}>
          <LightChip light={r.light} />
          {r.risk && r.risk !== 'low' && <RiskChip risk={r.risk} />}
        </Stack>
      )}
      linkType="show"
    />
  );
}

/** Cases in the user's scope, with the API's filters; the light, channel and risk at a glance. */
export function CaseList() {
  const { permissions } = usePermissions();
  const phone = useMediaQuery((t: Theme) => t.breakpoints.down('sm'));
  // The handling organization's long name only fits on a wide screen.
  const wide = useMediaQuery((t: Theme) => t.breakpoints.up('xl'));
  const translate = useTranslate();
  const desk = hasRole(permissions, 'admin', 'clerk');
  return (
    <List
      filters={caseFilters(translate)}
      actions={<ListActions />}
      sort={{ field: 'registeredAt', order: 'DESC' }}
      perPage={25}
      storeKey="cases.list"
      // On a phone the add button floats over the bottom right corner, where each row's light is:
      // room below the last row lets it scroll clear.
      sx={{ pb: { xs: 12, sm: 0 } }}
    >
      {phone ? (
        <MobileList />
      ) : (
        <DataTable
          rowClick="show"
          bulkActionButtons={desk ? <BulkAssignButton /> : false}
          size="small"
          sx={{ '& .MuiTableCell-head, & .nowrap': { whiteSpace: 'nowrap' }, '& .org': { maxWidth: 180 }, '& .person': { maxWidth: 110 } }}
        >
          <DataTable.Col source="light" cellClassName="nowrap" label={F('light')} disableSort field={LightField} />
          <DataTable.Col source="caseNumber" label={F('caseNumber')} render={(r: CaseRec) => <CaseNumberAndTitle record={r} />} />
          <DataTable.Col source="channel" cellClassName="nowrap" label={F('channel')} render={() => <EnumField source="channel" group="channel" />} />
          <DataTable.Col source="category" cellClassName="nowrap" label={F('category')} render={() => <CategoryField />} />
          <DataTable.Col source="status" cellClassName="nowrap" label={F('status')} field={StatusField} />
          <DataTable.Col source="risk" cellClassName="nowrap" label={F('risk')} field={RiskField} />
          <DataTable.Col source="mediatorName" cellClassName="person" label={F('mediatorId')} disableSort />
          {wide && <DataTable.Col source="handlingOrgName" cellClassName="org" label={F('handlingOrgId')} disableSort />}
          <DataTable.Col source="deadlineAt" cellClassName="nowrap" label={F('deadlineAt')} render={() => <CnDateField source="deadlineAt" />} />
          <DataTable.Col source="registeredAt" cellClassName="nowrap" label={F('registeredAt')} render={() => <CnDateField source="registeredAt" />} />
        </DataTable>
      )}
    </List>
  );
}

export default CaseList;
