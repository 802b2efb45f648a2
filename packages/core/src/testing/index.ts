export * from './databases';
export { Receiver as WebhookReceiver, inOrderPerCase } from './webhook-receiver';
export type { Received, Behaviour } from './webhook-receiver';
