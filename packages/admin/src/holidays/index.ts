import { lazy } from 'react';
import EventIcon from '@mui/icons-material/Event';

const m = () => import('./Holidays');
export default {
  list: lazy(() => m().then((x) => ({ default: x.HolidayList }))),
  edit: lazy(() => m().then((x) => ({ default: x.HolidayEdit }))),
  create: lazy(() => m().then((x) => ({ default: x.HolidayCreate }))),
  icon: EventIcon,
  recordRepresentation: 'day',
};
