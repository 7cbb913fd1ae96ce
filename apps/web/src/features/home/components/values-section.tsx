import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EyeIcon,
  type IconProps,
  LanguagesIcon,
  LockIcon,
  ShieldCheckIcon,
} from '../../../components/ui/icons';
import { SectionHeading } from './section-heading';

type ValueKey = 'transparency' | 'verified' | 'privacy' | 'bilingual';

const values: { key: ValueKey; Icon: ComponentType<IconProps> }[] = [
  { key: 'transparency', Icon: EyeIcon },
  { key: 'verified', Icon: ShieldCheckIcon },
  { key: 'privacy', Icon: LockIcon },
  { key: 'bilingual', Icon: LanguagesIcon },
];

export function ValuesSection() {
  const { t } = useTranslation('home');

  return (
    <section aria-labelledby="values-title" className="mx-auto max-w-7xl px-4 py-16 sm:px-6 sm:py-24 lg:px-8">
      <SectionHeading id="values-title" eyebrow={t('values.eyebrow')} title={t('values.title')} />
      <ul className="mt-12 grid gap-x-8 gap-y-10 sm:grid-cols-2">
        {values.map(({ key, Icon }) => (
          <li key={key} className="flex gap-4">
            <span className="flex size-11 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-800 ring-1 ring-brand-100">
              <Icon className="size-6" />
            </span>
            <div>
              <h3 className="font-semibold text-brand-950 text-lg">{t(`values.items.${key}.title`)}</h3>
              <p className="mt-1.5 text-slate-700">{t(`values.items.${key}.body`)}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
