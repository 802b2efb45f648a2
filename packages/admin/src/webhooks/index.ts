import { lazy } from 'react';
import WebhookIcon from '@mui/icons-material/Webhook';

const page = () => import('./Webhooks');
export default {
  list: lazy(() => page().then((m) => ({ default: m.WebhookList }))),
  create: lazy(() => page().then((m) => ({ default: m.WebhookCreate }))),
  edit: lazy(() => page().then((m) => ({ default: m.WebhookEdit }))),
  icon: WebhookIcon,
  recordRepresentation: 'name',
};
