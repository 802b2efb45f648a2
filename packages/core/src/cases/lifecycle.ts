/** Kept so existing imports work; the lifecycle table is defined in `domain/lifecycle.ts`. */
export * from '../domain/lifecycle';
