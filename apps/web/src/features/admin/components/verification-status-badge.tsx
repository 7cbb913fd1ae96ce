import type { TVerificationStatus } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';

const tones: Record<TVerificationStatus, BadgeTone> = {
  pending: 'warning',
  verified: 'success',
  rejected: 'danger',
  expired: 'warning',
  suspended: 'danger',
  revoked: 'danger',
};

/** A file's status in words (a pending file not yet submitted is "in preparation"). */
export function VerificationStatusBadge({
  status,
  submitted,
}: {
  status: TVerificationStatus;
  submitted: boolean;
}) {
  const { t } = useTranslation('admin');
  const key = status === 'pending' && !submitted ? 'preparing' : status;
  return <Badge tone={tones[status]}>{t(`verifications.statuses.${key}`)}</Badge>;
}
