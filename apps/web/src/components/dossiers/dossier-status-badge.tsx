import type { TDossierStatus } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../ui/badge';

const tones: Record<TDossierStatus, BadgeTone> = {
  draft: 'neutral',
  preparing: 'brand',
  submitted: 'brand',
  processing: 'brand',
  approved: 'success',
  refused: 'danger',
  closed: 'neutral',
};

/** The dossier's status in words (needs the `dossiers` namespace, loaded by the pages that show it). */
export function DossierStatusBadge({ status }: { status: TDossierStatus }) {
  const { t } = useTranslation('dossiers');
  return <Badge tone={tones[status]}>{t(`status.${status}`)}</Badge>;
}
