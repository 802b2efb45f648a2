/** Cases as the API shows them: see presenters/ (kept for the routes' imports). */
import type { Deps } from '../../context';
import { COMPUTED_CASE_FIELDS, presentCases as present } from '../../presenters';

export { COMPUTED_CASE_FIELDS };

export const presentCases = (deps: Deps, rows: object[]): Promise<object[]> => present(deps.tj, rows);
