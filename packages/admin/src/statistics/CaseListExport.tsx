import { useListContext } from 'react-admin';
import { ExportButton } from './Controls';

/** The case list's Excel export: every case under the list's current filters, streamed by the server. */
export function CaseListExport() {
  const { filterValues } = useListContext();
  return <ExportButton path={`/exports/cases.xlsx?filter=${encodeURIComponent(JSON.stringify(filterValues ?? {}))}`} />;
}
