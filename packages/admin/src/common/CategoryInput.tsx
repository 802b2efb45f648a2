import { useCallback, useMemo } from 'react';
import { SelectArrayInput, SelectInput, required, useGetList, useRecordContext, useTranslate } from 'react-admin';
import type { DisputeCategoryRecord } from '@tiaojie/core/domain';

/** One fetch of the whole list (deactivated ones too: old cases keep them), cached for the session's pages. */
function useCategories(): DisputeCategoryRecord[] {
  const { data = [] } = useGetList<DisputeCategoryRecord>(
    'dispute-categories',
    { pagination: { page: 1, perPage: 500 }, sort: { field: 'sortOrder', order: 'ASC' }, filter: {} },
    { staleTime: 5 * 60_000 },
  );
  return data;
}

/** The deployment's dispute categories, from the API (an admin maintains the list); active ones unless `all`. */
export function useCategoryChoices(all = false) {
  const data = useCategories();
  return useMemo(() => data.filter((c) => all || c.active).map((c) => ({ id: c.code, name: c.name })), [data, all]);
}

/**
 * A category's name from its code, as the deployment's table names it; before the list arrives (or
 * for a code no longer in it) the built-in translation, else the code.
 */
export function useCategoryName(): (code: string | null | undefined) => string {
  const data = useCategories();
  const translate = useTranslate();
  const names = useMemo(() => new Map(data.map((c) => [c.code, c.name])), [data]);
  return useCallback((code) => (code ? (names.get(code) ?? translate(`enums.category.${code}`, { _: code })) : '—'), [names, translate]);
}

/** The record's category (or categories) by name. */
export function CategoryField({ source = 'category' }: { source?: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  const name = useCategoryName();
  const v: unknown = record ? (record as Record<string, unknown>)[source] : null;
  return <span>{Array.isArray(v) ? v.map((x) => name(String(x))).join('、') : name(v == null || v === '' ? null : String(v))}</span>;
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
