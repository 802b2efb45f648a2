/** camelCase → snake_case, as the database names columns (`handlingOrgId` → `handling_org_id`, `HTTPServer` → `http_server`). */
export const snakeCase = (s: string): string =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
