import { useTranslation } from 'react-i18next';
import { LegalDocument } from '../components/legal-document';
import { PrivacyFacts } from '../components/privacy-facts';

export function PrivacyPage() {
  const { t } = useTranslation('privacy');
  return (
    <LegalDocument
      namespace="privacy"
      path="/privacy"
      extraSection={{
        id: 'responsable-conservation',
        title: t('facts.title'),
        render: (components) => <PrivacyFacts components={components} />,
      }}
    />
  );
}
