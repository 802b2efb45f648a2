import { lazy } from 'react';
import DescriptionIcon from '@mui/icons-material/Description';

const m = () => import('./LegalOpinions');
export default {
  list: lazy(() => m().then((x) => ({ default: x.LegalOpinionList }))),
  show: lazy(() => m().then((x) => ({ default: x.LegalOpinionShow }))),
  icon: DescriptionIcon,
  recordRepresentation: 'title',
};
