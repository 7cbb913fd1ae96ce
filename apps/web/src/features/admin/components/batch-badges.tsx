import type { TBatchStatus } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';

const tones: Record<TBatchStatus, BadgeTone> = {
  dry_run: 'neutral',
  queued: 'brand',
  running: 'brand',
  done: 'success',
  failed: 'danger',
  undoing: 'warning',
  undone: 'warning',
};

export function BatchStatusBadge({ status }: { status: TBatchStatus }) {
  const { t } = useTranslation('admin-users');
  return <Badge tone={tones[status]}>{t(`batchStatuses.${status}`)}</Badge>;
}
