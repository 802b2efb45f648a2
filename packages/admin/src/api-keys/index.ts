import { lazy } from 'react';
import KeyIcon from '@mui/icons-material/Key';

const keys = () => import('./ApiKeys');
export default {
  list: lazy(() => keys().then((m) => ({ default: m.ApiKeyList }))),
  create: lazy(() => keys().then((m) => ({ default: m.ApiKeyCreate }))),
  icon: KeyIcon,
  recordRepresentation: 'name',
};
