import { lazy } from 'react';
import ForumIcon from '@mui/icons-material/Forum';

const m = () => import('./Consultations');
export default {
  list: lazy(() => m().then((x) => ({ default: x.ConsultationList }))),
  create: lazy(() => m().then((x) => ({ default: x.ConsultationCreate }))),
  icon: ForumIcon,
  recordRepresentation: 'personName',
};
