import type { TUserRole } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../ui/badge';

/** The role, for the people who are not candidates (the usual case needs no badge). */
export function RoleBadge({ role }: { role: TUserRole }) {
  const { t } = useTranslation();
  if (role === 'candidate') return null;
  return <Badge tone={role === 'admin' ? 'warning' : 'brand'}>{t(`account.roles.${role}`)}</Badge>;
}
