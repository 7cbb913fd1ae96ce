import type { TIncident } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';

/** An incident's status and risk, in words (colour is never the only signal). */
export function IncidentBadges({ incident }: { incident: Pick<TIncident, 'status' | 'risk'> }) {
  const { t } = useTranslation('admin-privacy');
  return (
    <span className="flex flex-wrap gap-2">
      <Badge tone={incident.status === 'open' ? 'brand' : 'neutral'}>{t(`status.${incident.status}`)}</Badge>
      <Badge tone={incident.risk === 'serious' ? 'danger' : incident.risk === 'low' ? 'success' : 'warning'}>
        {t(`risk.${incident.risk}`)}
      </Badge>
    </span>
  );
}

/** The notices Law 25 and PIPEDA require when the risk of serious injury is real, and not yet sent. */
export function missingNotices(
  incident: Pick<TIncident, 'risk' | 'peopleNotifiedAt' | 'caiNotifiedAt' | 'opcNotifiedAt'>,
): ('people' | 'cai' | 'opc')[] {
  if (incident.risk !== 'serious') return [];
  return [
    ...(incident.peopleNotifiedAt ? [] : (['people'] as const)),
    ...(incident.caiNotifiedAt ? [] : (['cai'] as const)),
    ...(incident.opcNotifiedAt ? [] : (['opc'] as const)),
  ];
}
