/**
 * Wiring only: middleware in order, then the routes. Everything with behaviour lives in its own
 * module (errors, simple-rest, auth, routes/*).
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cors from '@koa/cors';
import Router from '@koa/router';
import type { Tiaojie } from '@tiaojie/core';
import Koa from 'koa';
import helmet from 'koa-helmet';
import send from 'koa-send';
import serve from 'koa-static';
import pino, { type Logger } from 'pino';
import { authenticate } from './auth';
import { jsonBody } from './body';
import type { ApiOptions, AppState, Deps } from './context';
import { errorHandler } from './errors';
import { langOf } from './i18n';
import { ApiDoc, apiDocs, renderDocsHtml } from './openapi';
import { mountAdmin } from './routes/admin';
import { mountLogin, mountMe } from './routes/auth';
import { mountCases } from './routes/cases';
import { mountChildren } from './routes/children';
import { mountIntake } from './routes/intake';
import { mountHistoryVerify } from './routes/history';
import { mountHealth, mountPersonsAndStats } from './routes/misc';
import { mountPapers, UPLOAD_PATHS } from './routes/papers';
import { mountOutflow } from './routes/outflow';
import { mountFigures } from './routes/figures';
import { mountWarnings } from './routes/warnings';
import { mountSubsidies } from './routes/subsidies';
import { redactPath } from './redact';

const VERSION: string = require('../package.json').version;
const PUBLIC = /^\/api\/(health|auth\/login|openapi\.json|docs|intake\/)/;

/** Any spelling of the API's prefix (`/api`, `/API/…`): never answered by the admin's SPA fallback. */
export const isApiPath = (path: string) => /^\/+api(\/|$)/i.test(path);

export interface CreateAppOptions extends ApiOptions {
  tj: Tiaojie;
  log?: Logger;
}

export function createApp(opts: CreateAppOptions): Koa<AppState> {
  if (!opts.tj) throw new TypeError('createApp: tj (an open Tiaojie) is required');
  if (!opts.jwtSecret || opts.jwtSecret.length < 16) throw new TypeError('createApp: jwtSecret of at least 16 characters is required');
  const log = opts.log ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const deps: Deps = {
    tj: opts.tj,
    log,
    options: {
      jwtSecret: opts.jwtSecret,
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 12 * 3600,
      bodyLimit: opts.bodyLimit ?? '1mb',
      loginAttempts: opts.loginAttempts ?? { points: 10, durationSeconds: 15 * 60, perAddressPoints: 50 },
      // Hashing is CPU-bound: leave a core to the event loop, so other requests stay fast.
      loginConcurrency: opts.loginConcurrency ?? { hashes: Math.max(1, Math.min(4, availableParallelism() - 1)), queue: 16 },
      bodyShape: opts.bodyShape ?? { maxKeys: 20_000, maxKeysPerObject: 200, maxDepth: 12 },
      corsOrigins: opts.corsOrigins,
      staticDir: opts.staticDir,
    },
  };

  const app = new Koa<AppState>({ proxy: process.env.TRUST_PROXY === '1' });
  app.silent = true; // errors are logged by the error middleware, once

  app.use(async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    ctx.state.requestId = /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.lang = langOf(ctx.get('Accept-Language'));
    ctx.set('X-Request-Id', ctx.state.requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      log.info(
        { requestId: ctx.state.requestId, method: ctx.method, path: redactPath(ctx.path), status: ctx.status, ms: Number(process.hrtime.bigint() - started) / 1e6, userId: ctx.state.actor?.id },
        'request',
      );
    }
  });
  app.use(errorHandler(log));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          // Centers often reach the server over plain HTTP on their own network (http://10.x…):
          // upgrading requests to https there would break the back office.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  const origins = deps.options.corsOrigins ?? [];
  if (origins.length) {
    app.use(
      cors({
        origin: (ctx) => {
          const o = ctx.get('Origin');
          return origins.includes('*') ? '*' : origins.includes(o) ? o : '';
        },
        exposeHeaders: ['Content-Range', 'X-Total-Capped', 'X-Request-Id', 'Content-Disposition', 'X-Content-SHA256'],
        allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'X-Api-Key', 'X-Request-Id'],
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        maxAge: 600,
      }),
    );
  }
  app.use(jsonBody(deps.options.bodyLimit, deps.options.bodyShape, UPLOAD_PATHS));

  const doc = new ApiDoc();
  apiDocs.set(app, doc);
  // Case-sensitive, like the PUBLIC test below: `/API/cases` must not reach a route while
  // skipping the sign-in check. Every other spelling of an /api path is a 404.
  const api = new Router<AppState>({ prefix: '/api', sensitive: true });
  const requireUser = authenticate(deps);
  // Health, sign-in, the OpenAPI document and channel intake (API key) need no session.
  api.use((ctx, next) => (PUBLIC.test(ctx.path) ? next() : requireUser(ctx as never, next)));
  mountHealth(api, doc, deps);
  mountLogin(api, doc, deps);
  mountIntake(api, doc, deps);
  api.get('/openapi.json', (ctx) => {
    ctx.body = doc.document(VERSION);
  });
  api.get('/docs', (ctx) => {
    ctx.type = 'html';
    ctx.body = renderDocsHtml(doc.document(VERSION));
  });
  mountMe(api, doc, deps);
  mountHistoryVerify(api, doc, deps);
  mountCases(api, doc, deps);
  mountPersonsAndStats(api, doc, deps);
  mountFigures(api, doc, deps);
  mountWarnings(api, doc, deps);
  mountSubsidies(api, doc, deps);
  mountChildren(api, doc, deps);
  mountPapers(api, doc, deps);
  mountAdmin(api, doc, deps);
  mountOutflow(api, doc, deps);
  app.use(api.routes()).use(api.allowedMethods({ throw: true }));

  const dir = deps.options.staticDir;
  if (dir && existsSync(join(dir, 'index.html'))) {
    app.use(serve(dir, { index: 'index.html', brotli: true, gzip: true, setHeaders: staticHeaders }));
    // SPA fallback: any other GET outside /api answers the app's index.html.
    app.use(async (ctx, next) => {
      await next();
      if (ctx.status === 404 && ctx.body == null && ctx.method === 'GET' && !isApiPath(ctx.path)) {
        await send(ctx, 'index.html', { root: dir, brotli: true, gzip: true, setHeaders: staticHeaders });
      }
    });
  }
  return app;
}

/**
 * Vite names every file it writes under `assets/` by its content hash, so a browser may keep those for a year and
 * never ask again; `index.html` names the current ones and must be revalidated on each visit.
 * Files are served from the `.br`/`.gz` copies the admin build writes, by Accept-Encoding.
 */
function staticHeaders(res: ServerResponse, path: string): void {
  res.setHeader('Vary', 'Accept-Encoding');
  if (/[\\/]assets[\\/][^\\/]+$/.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else res.setHeader('Cache-Control', 'no-cache');
}
