import { LightReminder } from './light-reminder.entity';
import { Notification } from './notification.entity';
import { OutboxEvent } from './outbox-event.entity';
import { PartyMessage } from './party-message.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

export const OUTFLOW_ENTITIES = [OutboxEvent, WebhookSubscription, WebhookDelivery, Notification, LightReminder, PartyMessage];
