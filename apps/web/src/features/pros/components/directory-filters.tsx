import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Checkbox } from '../../../components/ui/checkbox';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { useLocalized, usePrograms } from '../../../lib/dossiers/programs';
import { capitalize, formatScore, languageName, regulatorName, useLanguage } from '../lib/labels';
import {
  type DirectorySearch,
  languageCodes,
  licenceClassCodes,
  minRatings,
  provinceCodes,
  regulatorCodes,
  validateDirectorySearch,
} from '../routes/search';

type Draft = Record<keyof DirectorySearch, string>;

const toDraft = (search: DirectorySearch): Draft => ({
  q: search.q ?? '',
  language: search.language ?? '',
  province: search.province ?? '',
  program: search.program ?? '',
  regulator: search.regulator ?? '',
  licenceClass: search.licenceClass ?? '',
  minRating: search.minRating === undefined ? '' : String(search.minRating),
  accepting: search.accepting ? 'true' : '',
  mode: search.mode ?? '',
  city: search.city ?? '',
  sort: search.sort ?? '',
});

/**
 * The directory's filters: a form applied with its button (nothing moves while someone is still choosing),
 * filled from the address so that a shared or reloaded search shows what it filters on.
 */
export function DirectoryFilters({
  search,
  onApply,
}: {
  search: DirectorySearch;
  onApply: (next: DirectorySearch) => void;
}) {
  const { t } = useTranslation('pros');
  const language = useLanguage();
  const programs = usePrograms();
  const localized = useLocalized();
  const [draft, setDraft] = useState<Draft>(() => toDraft(search));
  // The address changed (applied, reset, back button): the form shows it again.
  const applied = JSON.stringify(toDraft(search));
  useEffect(() => setDraft(JSON.parse(applied) as Draft), [applied]);

  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [name]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(validateDirectorySearch(draft));
  }

  const sortedLanguages = [...languageCodes].sort((a, b) =>
    languageName(a, language).localeCompare(languageName(b, language), language),
  );
  const sortedProvinces = [...provinceCodes].sort((a, b) =>
    t(`province.${a}`).localeCompare(t(`province.${b}`), language),
  );
  const sortedPrograms = [...(programs.data ?? [])].sort((a, b) =>
    localized(a.name).localeCompare(localized(b.name), language),
  );

  return (
    <search>
      <form noValidate onSubmit={submit} aria-labelledby="filters-title" className="flex flex-col gap-4">
        <h2 id="filters-title" className="font-semibold text-lg text-slate-900">
          {t('filters.title')}
        </h2>
        <Input
          type="search"
          label={t('filters.q')}
          hint={t('filters.qHint')}
          value={draft.q}
          onChange={set('q')}
          maxLength={100}
          autoComplete="off"
        />
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-1">
          <Select label={t('filters.language')} value={draft.language} onChange={set('language')}>
            <option value="">{t('filters.any')}</option>
            {sortedLanguages.map((code) => (
              <option key={code} value={code}>
                {capitalize(languageName(code, language), language)}
              </option>
            ))}
          </Select>
          <Select label={t('filters.province')} value={draft.province} onChange={set('province')}>
            <option value="">{t('filters.anyProvince')}</option>
            {sortedProvinces.map((code) => (
              <option key={code} value={code}>
                {t(`province.${code}`)}
              </option>
            ))}
          </Select>
          <Select label={t('filters.program')} value={draft.program} onChange={set('program')}>
            <option value="">{t('filters.any')}</option>
            {sortedPrograms.map((program) => (
              <option key={program.id} value={program.id}>
                {localized(program.name)}
              </option>
            ))}
          </Select>
          <Select label={t('filters.regulator')} value={draft.regulator} onChange={set('regulator')}>
            <option value="">{t('filters.any')}</option>
            {regulatorCodes.map((code) => (
              <option key={code} value={code}>
                {regulatorName(code, language)}
              </option>
            ))}
          </Select>
          <Select
            label={t('filters.licenceClass')}
            hint={t('filters.licenceClassHint')}
            value={draft.licenceClass}
            onChange={set('licenceClass')}
          >
            <option value="">{t('filters.any')}</option>
            {licenceClassCodes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </Select>
          <Select label={t('filters.minRating')} value={draft.minRating} onChange={set('minRating')}>
            <option value="">{t('filters.any')}</option>
            {minRatings.map((value) => (
              <option key={value} value={value}>
                {t('filters.atLeast', { score: formatScore(value, language) })}
              </option>
            ))}
          </Select>
          <Select label={t('filters.mode')} value={draft.mode} onChange={set('mode')}>
            <option value="">{t('filters.anyMode')}</option>
            <option value="remote">{t('mode.remote')}</option>
            <option value="in_person">{t('mode.in_person')}</option>
          </Select>
          <Input
            label={t('filters.city')}
            value={draft.city}
            onChange={set('city')}
            maxLength={100}
            autoComplete="address-level2"
          />
        </div>
        <Checkbox
          label={t('filters.accepting')}
          checked={draft.accepting === 'true'}
          onChange={(event) =>
            setDraft((previous) => ({ ...previous, accepting: event.target.checked ? 'true' : '' }))
          }
        />
        <Select label={t('filters.sort')} value={draft.sort} onChange={set('sort')}>
          <option value="">{t('sort.relevance')}</option>
          <option value="rating">{t('sort.rating')}</option>
          <option value="newest">{t('sort.newest')}</option>
        </Select>
        <div className="flex flex-wrap gap-2">
          <Button type="submit">{t('filters.apply')}</Button>
          <Button variant="ghost" onClick={() => onApply({})}>
            {t('filters.reset')}
          </Button>
        </div>
      </form>
    </search>
  );
}
