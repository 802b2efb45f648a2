/** China time for core's services; defined once in `domain/china-time.ts`, which the admin shares. */
export * from '../domain/china-time';
