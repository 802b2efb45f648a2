import { lazy } from 'react';
import Diversity3Icon from '@mui/icons-material/Diversity3';

const m = () => import('./PoolMediators');
export default {
  list: lazy(() => m().then((x) => ({ default: x.PoolMediatorList }))),
  edit: lazy(() => m().then((x) => ({ default: x.PoolMediatorEdit }))),
  create: lazy(() => m().then((x) => ({ default: x.PoolMediatorCreate }))),
  icon: Diversity3Icon,
  recordRepresentation: 'name',
};
