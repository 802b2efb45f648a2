/** What a staff notification is about (dependency-free: the admin imports it too). */
export const NOTIFICATION_KINDS = ['light_yellow', 'light_red', 'transfer', 'supervision', 'invitation'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
