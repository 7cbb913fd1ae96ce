import type { TMilestone } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';

/** A milestone's name: its own label for "other", else the kind in words (`dossiers` namespace). */
export function useMilestoneLabel() {
  const { t } = useTranslation('dossiers');
  return (milestone: Pick<TMilestone, 'kind' | 'label'>) =>
    milestone.kind === 'other'
      ? (milestone.label ?? t('milestones.kinds.other'))
      : t(`milestones.kinds.${milestone.kind}`);
}
