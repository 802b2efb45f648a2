import { lazy } from 'react';
import PeopleIcon from '@mui/icons-material/People';

const users = () => import('./Users');
export default {
  list: lazy(() => users().then((m) => ({ default: m.UserList }))),
  edit: lazy(() => users().then((m) => ({ default: m.UserEdit }))),
  create: lazy(() => users().then((m) => ({ default: m.UserCreate }))),
  icon: PeopleIcon,
  recordRepresentation: 'displayName',
};
