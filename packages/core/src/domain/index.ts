/**
 * `@tiaojie/core/domain`: the domain's words and rules as dependency-free code, shared by core,
 * the API and the admin's browser bundle. Nothing here imports anything outside this folder, from
 * node or from npm; a test keeps it so.
 */
export * from './vocabulary';
export * from './lifecycle';
export * from './labels';
export * from './china-time';
export * from './records';
export * from './figures';
export * from './value-labels';
export * from './referral';
export * from './warnings';
export * from './subsidy';
