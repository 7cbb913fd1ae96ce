import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { FolderIcon } from '../../../components/ui/icons';

const tones: BadgeTone[] = ['success', 'brand', 'warning', 'neutral'];

/** An illustration of "Mon dossier": sample data, presented as a figure. */
export function DossierPreview() {
  const { t } = useTranslation('home');
  const items = t('hero.preview.items', { returnObjects: true });

  return (
    <figure aria-label={t('hero.preview.label')} className="relative mx-auto hidden w-full max-w-md xl:block">
      <div aria-hidden="true" className="absolute -inset-4 -z-0 rotate-2 rounded-3xl bg-brand-100/70" />
      <div className="relative rounded-2xl bg-white p-6 shadow-xl ring-1 ring-slate-200">
        <div className="flex items-start gap-3">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-800">
            <FolderIcon className="size-6" />
          </span>
          <div>
            <p className="font-medium text-maple-700 text-sm">{t('hero.preview.program')}</p>
            <p className="font-semibold text-brand-950">{t('hero.preview.title')}</p>
          </div>
        </div>
        <p className="mt-5 text-slate-700 text-sm">{t('hero.preview.progress')}</p>
        <div aria-hidden="true" className="mt-2 h-2 rounded-full bg-slate-100">
          <div className="h-2 w-1/2 rounded-full bg-brand-600" />
        </div>
        <ul className="mt-5 divide-y divide-slate-100">
          {items.map((item, index) => (
            <li key={item.name} className="flex items-center justify-between gap-3 py-3">
              <span className="text-slate-800">{item.name}</span>
              <Badge tone={tones[index] ?? 'neutral'}>{item.status}</Badge>
            </li>
          ))}
        </ul>
        <div className="mt-4 rounded-xl bg-slate-50 p-4 text-sm">
          <p className="text-slate-800">{t('hero.preview.message')}</p>
          <p className="mt-1 text-slate-600">{t('hero.preview.messageAuthor')}</p>
        </div>
      </div>
    </figure>
  );
}
