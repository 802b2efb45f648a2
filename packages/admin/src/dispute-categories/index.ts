import { lazy } from 'react';
import CategoryIcon from '@mui/icons-material/Category';

const m = () => import('./DisputeCategories');
export default {
  list: lazy(() => m().then((x) => ({ default: x.DisputeCategoryList }))),
  edit: lazy(() => m().then((x) => ({ default: x.DisputeCategoryEdit }))),
  create: lazy(() => m().then((x) => ({ default: x.DisputeCategoryCreate }))),
  icon: CategoryIcon,
  recordRepresentation: 'name',
};
