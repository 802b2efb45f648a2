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
