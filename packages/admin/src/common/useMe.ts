import { useGetIdentity, usePermissions } from 'react-admin';
import { hasRole } from '../authProvider';

/**
 * The signed-in person and a filter narrowing a list to their own records when they work as a
 * legal adviser ("my consultations"); an admin sees everyone's.
 */
export function useMe() {
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions();
  const adviserOnly = hasRole(permissions, 'adviser') && !hasRole(permissions, 'admin');
  return {
    id: identity?.id as number | undefined,
    identity,
    permissions,
    is: (...roles: string[]) => hasRole(permissions, ...roles),
    adviserFilter: adviserOnly && identity?.id != null ? { adviserId: identity.id } : {},
    ready: identity?.id != null,
  };
}
