import type { TAdminUserRole, TAdminUserStatus } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';

/** A member's account status in words (colour is never the only signal). */
export function UserStatusBadge({ status }: { status: TAdminUserStatus }) {
  const { t } = useTranslation('admin-users');
  const tone = status === 'active' ? 'success' : status === 'suspended' ? 'warning' : 'danger';
  return <Badge tone={tone}>{t(`statuses.${status}`)}</Badge>;
}

export function UserRoleBadge({ role }: { role: TAdminUserRole }) {
  const { t } = useTranslation('admin-users');
  return <Badge tone={role === 'admin' ? 'brand' : 'neutral'}>{t(`roles.${role}`)}</Badge>;
}
