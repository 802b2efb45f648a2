import type { AuthProvider } from 'react-admin';
import { API_URL, httpClient, session, type SessionUser } from './http';
import type { OrganizationRecord } from '@tiaojie/core/domain';

/** Signs in against the API, keeps the token in localStorage; permissions are the user's roles. */
export const authProvider: AuthProvider = {
  async login({ username, password }) {
    const { json } = await httpClient<{ token: string; user: SessionUser }>(`${API_URL}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    });
    const user = json.user;
    session.save(json.token, user);
    if (!user.organizationName && user.organizationId) {
      try {
        const { json: org } = await httpClient<OrganizationRecord>(`${API_URL}/organizations/${user.organizationId}`);
        session.save(json.token, { ...user, organizationName: org?.name });
      } catch {
        /* the name is a nicety; signing in does not depend on it */
      }
    }
  },
  async logout() {
    // Revoke the token on the server too (POST /api/auth/logout), so a copy of it opens nothing;
    // an already refused token (401) or an unreachable server still signs out locally.
    if (session.token()) await httpClient(`${API_URL}/auth/logout`, { method: 'POST' }).catch(() => undefined);
    session.clear();
  },
  async checkAuth() {
    if (!session.token()) throw new Error('ra.auth.auth_check_error');
  },
  async checkError(error) {
    if (error?.status === 401) {
      session.clear();
      throw new Error('ra.notification.logged_out');
    }
    // 403 and the rest are the page's business: the user stays signed in.
  },
  async getIdentity() {
    const user = session.user();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return { ...user, fullName: user.displayName };
  },
  async getPermissions() {
    return session.user()?.roles ?? [];
  },
};

export const hasRole = (permissions: unknown, ...roles: string[]) =>
  Array.isArray(permissions) && roles.some((r) => permissions.includes(r));
