import { lazy } from 'react';
import OutboxIcon from '@mui/icons-material/Outbox';

/** The `webhook-deliveries` resource: deliveries and dead letters, with retry. */
export default {
  list: lazy(() => import('./Webhooks').then((m) => ({ default: m.DeliveryList }))),
  icon: OutboxIcon,
};
