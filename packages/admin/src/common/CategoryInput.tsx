import { SelectArrayInput, SelectInput, required, useGetList } from 'react-admin';
import type { DisputeCategoryRecord } from '@tiaojie/core/domain';

/** The deployment's active dispute categories, from the API (an admin maintains the list). */
export function useCategoryChoices(all = false) {
  const { data = [] } = useGetList<DisputeCategoryRecord>('dispute-categories', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'sortOrder', order: 'ASC' },
    filter: all ? {} : { active: true },
  });
  return data.map((c) => ({ id: c.code, name: c.name }));
}

/** A category picker reading the table: the value is the category's code. */
export function CategoryInput({ source = 'category', label, req = false, emptyText, parse }: { source?: string; label: string; req?: boolean; emptyText?: string; parse?: (v: unknown) => unknown }) {
  const choices = useCategoryChoices();
  return <SelectInput source={source} label={label} choices={choices} validate={req ? required() : undefined} emptyText={emptyText} parse={parse} fullWidth />;
}

/** Several categories, for list filters (deactivated ones too: old cases keep them). */
export function CategoryArrayInput({ source = 'category', label }: { source?: string; label: string; alwaysOn?: boolean }) {
  const choices = useCategoryChoices(true);
  return <SelectArrayInput source={source} label={label} choices={choices} sx={{ minWidth: 140 }} />;
}
