/** @tiaojie/api: the Koa application over @tiaojie/core, for embedding or testing. */
export { createApp } from './app';
export type { CreateAppOptions } from './app';
export type { ApiOptions, AppState } from './context';
export { ApiError, errorHandler, isDatabaseUnreachable, statusOf } from './errors';
export { langOf, validate } from './i18n';
export { parseListQuery, sendPage } from './simple-rest';
export { ApiDoc, renderDocsHtml } from './openapi';
export { main, bootstrap, adminDir } from './main';
