import { lazy } from 'react';
import TimerIcon from '@mui/icons-material/Timer';

const m = () => import('./SlaPolicies');
export default {
  list: lazy(() => m().then((x) => ({ default: x.SlaPolicyList }))),
  edit: lazy(() => m().then((x) => ({ default: x.SlaPolicyEdit }))),
  create: lazy(() => m().then((x) => ({ default: x.SlaPolicyCreate }))),
  icon: TimerIcon,
  recordRepresentation: 'name',
};
