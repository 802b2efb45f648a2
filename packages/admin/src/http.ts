import { HttpError } from 'react-admin';

/** Where the API lives: same origin in production (the API serves the admin), proxied in development. */
export const API_URL = '/api';
const TOKEN_KEY = 'tiaojie.token';
const USER_KEY = 'tiaojie.user';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  organizationId: number;
  organizationName?: string;
}

export const session = {
  token: () => localStorage.getItem(TOKEN_KEY),
  user: (): SessionUser | null => {
    try {
      return JSON.parse(localStorage.getItem(USER_KEY) ?? 'null');
    } catch {
      return null;
    }
  },
  save(token: string, user: SessionUser) {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
  },
};

/** The API's error body: `{ error: { code, message, details } }`. */
export interface ApiErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

const currentLocale = () => {
  try {
    const v = JSON.parse(localStorage.getItem('RaStore.locale') ?? '"zh"');
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
};

/**
 * fetch with the session's token and the user's language; an error answer becomes an
 * HttpError whose message is the API's own (Chinese) message and whose body keeps the code and
 * details, so forms and notifications can show the reason.
 */
export async function httpClient<T = unknown>(url: string, options: RequestInit = {}) {
  const headers = new Headers(options.headers);
  headers.set('Accept', 'application/json');
  headers.set('Accept-Language', currentLocale());
  if (options.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const token = session.token();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(url, { ...options, headers });
  } catch {
    throw new HttpError(currentLocale() === 'en' ? 'Cannot reach the server' : '无法连接服务器，请检查网络', 0, {});
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (response.status < 200 || response.status >= 300) {
    const body: Partial<ApiErrorBody> & { errors?: Record<string, string> } = json && typeof json === 'object' ? json : {};
    const message = body.error?.message || response.statusText || `HTTP ${response.status}`;
    const details = body.error?.details;
    if (response.status === 400 && Array.isArray(details)) {
      // react-admin puts `errors` next to the inputs of a form (`parties.0.idNumber` …).
      body.errors = Object.fromEntries(details.filter((d) => d?.field).map((d) => [d.field, d.message]));
    }
    throw new HttpError(message, response.status, body);
  }
  return { status: response.status, headers: response.headers, body: text, json: json as T };
}

/** The API error code of an error thrown by httpClient, if any. */
export const errorCode = (e: unknown): string | undefined => (e as { body?: ApiErrorBody })?.body?.error?.code;
export const errorDetails = (e: unknown): unknown => (e as { body?: ApiErrorBody })?.body?.error?.details;
