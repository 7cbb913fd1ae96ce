import type { TProCard } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { capitalize, formatList, languageName, regulatorName, useLanguage } from '../lib/labels';

/** "Consultante réglementée (CRIC) · CCIC · permis R123456 · L2": who regulates the pro, in one line. */
export function useRegulationLine() {
  const { t } = useTranslation('pros');
  const language = useLanguage();
  return (pro: Pick<TProCard, 'profession' | 'regulator' | 'licenceNumber' | 'licenceClass'>) =>
    [
      t(`profession.${pro.profession}`),
      regulatorName(pro.regulator, language),
      pro.licenceNumber ? t('card.licence', { number: pro.licenceNumber }) : null,
      pro.licenceClass ? t('card.licenceClass', { class: pro.licenceClass }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
}

/** Languages spoken and provinces served, as sentences in the reader's language. */
export function useProPlaces() {
  const { t } = useTranslation('pros');
  const language = useLanguage();
  return {
    languages: (codes: readonly string[]) =>
      capitalize(
        formatList(
          codes.map((code) => languageName(code, language)),
          language,
        ),
        language,
      ),
    provinces: (codes: readonly string[]) =>
      formatList(
        codes.map((code) => t(`province.${code as 'QC'}`)),
        language,
      ),
  };
}
