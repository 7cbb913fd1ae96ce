import { Link } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/ui/card';
import {
  ChatIcon,
  CheckIcon,
  FolderIcon,
  type IconProps,
  ShieldCheckIcon,
  VideoIcon,
} from '../../../components/ui/icons';
import { SectionHeading } from './section-heading';

type ModuleKey = 'dossier' | 'inside' | 'live' | 'pros';

const modules: { key: ModuleKey; Icon: ComponentType<IconProps> }[] = [
  { key: 'dossier', Icon: FolderIcon },
  { key: 'inside', Icon: ChatIcon },
  { key: 'live', Icon: VideoIcon },
  { key: 'pros', Icon: ShieldCheckIcon },
];

/** The four pillars. Each card's id is the anchor the header links to (/#dossier, /#inside …). */
export function ModulesSection() {
  const { t } = useTranslation('home');

  return (
    <section
      aria-labelledby="modules-title"
      className="mx-auto max-w-7xl px-4 py-16 sm:px-6 sm:py-24 lg:px-8"
    >
      <SectionHeading
        id="modules-title"
        eyebrow={t('modules.eyebrow')}
        title={t('modules.title')}
        lead={t('modules.lead')}
      />
      <ul className="mt-12 grid gap-6 md:grid-cols-2">
        {modules.map(({ key, Icon }) => (
          <Card as="li" key={key} id={key} aria-labelledby={`module-${key}`} className="flex flex-col">
            <div className="flex items-center gap-4">
              <span className="flex size-12 shrink-0 items-center justify-center rounded-xl bg-brand-800 text-white">
                <Icon className="size-6" />
              </span>
              <div>
                <h3 id={`module-${key}`} className="font-bold text-brand-950 text-xl">
                  {t(`modules.${key}.name`)}
                </h3>
                <p className="text-slate-700">{t(`modules.${key}.summary`)}</p>
              </div>
            </div>
            <p className="mt-5 text-slate-700">{t(`modules.${key}.body`)}</p>
            <ul className="mt-5 space-y-2.5">
              {t(`modules.${key}.points`, { returnObjects: true }).map((point) => (
                <li key={point} className="flex gap-2.5 text-slate-800">
                  <CheckIcon className="mt-0.5 size-5 shrink-0 text-emerald-700" />
                  {point}
                </li>
              ))}
            </ul>
            {key === 'pros' && (
              <p className="mt-6">
                <Link
                  to="/pros"
                  className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline underline-offset-4"
                >
                  {t('modules.pros.link')}
                </Link>
              </p>
            )}
          </Card>
        ))}
      </ul>
    </section>
  );
}
