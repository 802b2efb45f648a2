import { Box, Typography } from '@mui/material';
import { BooleanInput, CreateButton, Labeled, NumberInput, TextField, TopToolbar, useRecordContext, useTranslate, Create, DataTable, Edit, List, SelectInput, SimpleForm, TextInput, maxLength, required } from 'react-admin';
import { CnDateField, EnumField, MoneyField } from '../common/fields';
import { fromFen, toFen } from '../format';
import { COMPLEXITY_LEVELS, DEFAULT_GRADING, RISK_LEVELS } from '@tiaojie/core/domain';
import { choices } from '../choices';
import { money } from '../cases/validators';
import { CnDateInput } from '../common/DateInputs';

const F = (k: string) => `resources.subsidy-policies.fields.${k}`;

const G = (k: string) => `resources.subsidy-gradings.fields.${k}`;
const GRADES = ['major', 'difficult', 'ordinary'] as const;
const yuanOrEmpty = (v: unknown) => (v == null || v === '' ? '' : typeof v === 'number' ? String(fromFen(v)) : String(v));

/** 以案定补 grading thresholds, on the subsidy policy page below the amounts: from what a case is major, difficult, ordinary. */
function GradingList() {
  const translate = useTranslate();
  const threshold = (grade: (typeof GRADES)[number]) => (r: Record<string, unknown>) =>
    [
      r[`${grade}People`] != null ? translate('resources.subsidy-gradings.people_at_least', { n: r[`${grade}People`] }) : null,
      r[`${grade}AmountFen`] != null ? translate('resources.subsidy-gradings.yuan_at_least', { n: fromFen(r[`${grade}AmountFen`] as number) }) : null,
      r[`${grade}Risk`] ? translate('resources.subsidy-gradings.risk_at_least', { risk: translate(`enums.risk.${r[`${grade}Risk`]}`) }) : null,
      grade === 'difficult' && r.difficultCrossArea ? translate(G('difficultCrossArea')) : null,
    ].filter(Boolean).join(translate('resources.subsidy-gradings.or'));
  return (
    <Box sx={{ mt: 3 }} data-testid="subsidy-gradings">
      <Typography variant="h6">{translate('resources.subsidy-gradings.title')}</Typography>
      <Typography variant="body2" color="text.secondary">{translate('resources.subsidy-gradings.explain')}</Typography>
      <List resource="subsidy-gradings" sort={{ field: 'id', order: 'ASC' }} disableSyncWithLocation title={false} actions={<TopToolbar><CreateButton resource="subsidy-gradings" /></TopToolbar>} empty={false}>
        <DataTable rowClick={(id) => `/subsidy-gradings/${id}`} bulkActionButtons={false} size="small">
          <DataTable.Col source="name" label={G('name')} />
          <DataTable.Col source="organizationName" label={G('organizationName')} />
          {GRADES.map((g) => (
            <DataTable.Col key={g} label={`enums.complexity.${g}`} render={threshold(g)} />
          ))}
          <DataTable.Col source="validFrom" label={G('validFrom')} render={() => <CnDateField source="validFrom" />} />
          <DataTable.Col source="validTo" label={G('validTo')} render={() => <CnDateField source="validTo" />} />
        </DataTable>
      </List>
    </Box>
  );
}

/** A grade's thresholds: people, amount in yuan (fen in the API), the lowest risk; empty turns a condition off. */
function GradingForm({ defaults }: { defaults?: Record<string, unknown> }) {
  return (
    <SimpleForm sx={{ maxWidth: 720 }} defaultValues={defaults}>
      <OwnerField label={G('organizationName')} />
      <TextInput source="name" label={G('name')} validate={[required(), maxLength(100)]} fullWidth />
      {GRADES.map((g) => (
        <Box key={g} sx={{ display: 'flex', gap: 2, width: '100%', flexWrap: { xs: 'wrap', sm: 'nowrap' } }}>
          <NumberInput source={`${g}People`} label={G(`${g}People`)} min={1} fullWidth />
          <TextInput source={`${g}AmountFen`} label={G(`${g}AmountFen`)} format={yuanOrEmpty} parse={(v) => (v === '' ? null : money(v) ? v : (toFen(v) ?? null))} fullWidth />
          <SelectInput source={`${g}Risk`} label={G(`${g}Risk`)} choices={choices('risk', RISK_LEVELS)} emptyText="resources.subsidy-gradings.no_risk" fullWidth />
        </Box>
      ))}
      <BooleanInput source="difficultCrossArea" label={G('difficultCrossArea')} />
      <CnDateInput source="validFrom" label={G('validFrom')} validate={required()} fullWidth />
      <CnDateInput source="validTo" label={G('validTo')} fullWidth />
    </SimpleForm>
  );
}

export const SubsidyGradingCreate = () => (
  <Create redirect="/subsidy-policies" resource="subsidy-gradings">
    {/* The thresholds in force without a grading policy, to change from. */}
    <GradingForm defaults={{ ...DEFAULT_GRADING }} />
  </Create>
);
export const SubsidyGradingEdit = () => (
  <Edit mutationMode="pessimistic" redirect="/subsidy-policies" resource="subsidy-gradings">
    <GradingForm />
  </Edit>
);

/** 以案定补: amount per case by complexity and result, in yuan on screen, in fen in the API; the grading thresholds below. */
export function SubsidyPolicyList() {
  return (
    <>
    <List sort={{ field: 'id', order: 'ASC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false} size="small">
        <DataTable.Col source="name" label={F('name')} />
        <DataTable.Col source="organizationName" label={F('organizationName')} />
        <DataTable.Col source="complexity" label={F('complexity')} render={() => <EnumField source="complexity" group="complexity" />} />
        <DataTable.Col source="result" label={F('result')} render={() => <EnumField source="result" group="subsidyResult" />} />
        <DataTable.Col source="amountFen" label={F('amountFen')} render={() => <MoneyField source="amountFen" />} />
        <DataTable.Col source="validFrom" label={F('validFrom')} render={() => <CnDateField source="validFrom" />} />
        <DataTable.Col source="validTo" label={F('validTo')} render={() => <CnDateField source="validTo" />} />
      </DataTable>
    </List>
    <GradingList />
    </>
  );
}

/** The organization that made the policy (a new one belongs to the author's); a policy of an organization above is read-only here. */
function OwnerField({ label }: { label: string }) {
  const record = useRecordContext();
  if (!record?.organizationName) return null;
  return (
    <Labeled label={label}>
      <TextField source="organizationName" />
    </Labeled>
  );
}

function SubsidyForm() {
  return (
    <SimpleForm sx={{ maxWidth: 640 }}>
      <OwnerField label={F('organizationName')} />
      <TextInput source="name" label={F('name')} validate={[required(), maxLength(100)]} fullWidth />
      <SelectInput source="complexity" label={F('complexity')} choices={choices('complexity', COMPLEXITY_LEVELS)} validate={required()} fullWidth />
      <SelectInput source="result" label={F('result')} choices={choices('subsidyResult', ['settled', 'failed'])} validate={required()} fullWidth />
      <TextInput source="amountFen" label={F('amountFen')} format={(v) => (v == null || v === '' ? '' : typeof v === 'number' ? String(fromFen(v)) : v)} parse={(v) => (money(v) ? v : (toFen(v) ?? null))} validate={required()} fullWidth />
      <CnDateInput source="validFrom" label={F('validFrom')} validate={required()} fullWidth />
      <CnDateInput source="validTo" label={F('validTo')} fullWidth />
    </SimpleForm>
  );
}

export const SubsidyPolicyCreate = () => (
  <Create redirect="list">
    <SubsidyForm />
  </Create>
);
export const SubsidyPolicyEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SubsidyForm />
  </Edit>
);
