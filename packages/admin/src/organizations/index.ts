import { lazy } from 'react';
import AccountTreeIcon from '@mui/icons-material/AccountTree';

export default {
  list: lazy(() => import('./OrganizationList')),
  edit: lazy(() => import('./OrganizationForm').then((m) => ({ default: m.OrganizationEdit }))),
  create: lazy(() => import('./OrganizationForm').then((m) => ({ default: m.OrganizationCreate }))),
  icon: AccountTreeIcon,
  recordRepresentation: 'name',
};
