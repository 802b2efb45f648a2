import { lazy } from 'react';
import HolidayVillageIcon from '@mui/icons-material/HolidayVillage';
import type { AssignmentRec } from '../records';

const m = () => import('./AdviserAssignments');
export default {
  list: lazy(() => m().then((x) => ({ default: x.AdviserAssignmentList }))),
  edit: lazy(() => m().then((x) => ({ default: x.AdviserAssignmentEdit }))),
  create: lazy(() => m().then((x) => ({ default: x.AdviserAssignmentCreate }))),
  icon: HolidayVillageIcon,
  recordRepresentation: (r: AssignmentRec) => `#${r.id}`,
};
