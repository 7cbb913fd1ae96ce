import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { ShieldCheckIcon } from '../../../components/ui/icons';

/** "Vérifié": shown only while the pro's licence check is current (the API says `verified: true`). */
export function VerifiedBadge({ verified }: { verified: boolean }) {
  const { t } = useTranslation('pros');
  if (!verified) return <Badge tone="warning">{t('badge.notVerified')}</Badge>;
  return (
    <Badge tone="success">
      <ShieldCheckIcon className="size-4" aria-hidden="true" />
      {t('badge.verified')}
    </Badge>
  );
}
