/** What every handler can reach: the core facade, the logger, the settings of this server. */
import type { Actor, Tiaojie } from '@tiaojie/core';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import type { Lang } from './i18n';

export interface ApiOptions {
  /** HS256 secret for session tokens. */
  jwtSecret: string;
  /** Token lifetime, in seconds (12 hours). */
  tokenTtlSeconds?: number;
  /** Allowed browser origins for CORS (comma-separated in CORS_ORIGIN); none: same origin only. */
  corsOrigins?: string[];
  /** Largest accepted JSON body (`1mb`). */
  bodyLimit?: string;
  /**
   * Failed sign-ins allowed per account (from any address) before 429, per client address
   * (`perAddressPoints`, 10 × points by default), and the window in seconds.
   */
  loginAttempts?: { points: number; durationSeconds: number; perAddressPoints?: number };
  /** Password hashes checked at once, and sign-ins waiting for one (more: 503). */
  loginConcurrency?: { hashes: number; queue: number };
  /** Bounds of a JSON body: keys in all, keys of one object, nesting depth. */
  bodyShape?: { maxKeys: number; maxKeysPerObject: number; maxDepth: number };
  /** A directory to serve at `/` with SPA fallback (the built admin). */
  staticDir?: string | null;
}

export interface Deps {
  tj: Tiaojie;
  log: Logger;
  options: Required<Omit<ApiOptions, 'staticDir' | 'corsOrigins'>> & Pick<ApiOptions, 'staticDir' | 'corsOrigins'>;
}

export interface AppState {
  requestId: string;
  lang: Lang;
  /** Set by `authenticate` on every protected route. */
  actor: Actor;
  /** The claims of the token that authenticated the request (its id and expiry, for sign-out). */
  token?: { tokenId: string | null; expiresAt: Date };
}

export type Ctx = Context & { state: AppState };
