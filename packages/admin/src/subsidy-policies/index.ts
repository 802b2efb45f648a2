import { lazy } from 'react';
import PaidIcon from '@mui/icons-material/Paid';

const m = () => import('./SubsidyPolicies');
export default {
  list: lazy(() => m().then((x) => ({ default: x.SubsidyPolicyList }))),
  edit: lazy(() => m().then((x) => ({ default: x.SubsidyPolicyEdit }))),
  create: lazy(() => m().then((x) => ({ default: x.SubsidyPolicyCreate }))),
  icon: PaidIcon,
  recordRepresentation: 'name',
};

/** 以案定补 grading thresholds: listed on the subsidy policy page, edited on their own form. */
export const subsidyGradings = {
  edit: lazy(() => m().then((x) => ({ default: x.SubsidyGradingEdit }))),
  create: lazy(() => m().then((x) => ({ default: x.SubsidyGradingCreate }))),
  recordRepresentation: 'name',
};
