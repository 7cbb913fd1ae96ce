import { useTranslation } from 'react-i18next';
import { SectionHeading } from './section-heading';

export function HowItWorks() {
  const { t } = useTranslation('home');
  const steps = t('steps.items', { returnObjects: true });

  return (
    <section aria-labelledby="steps-title" className="border-slate-200 border-y bg-white">
      <div className="mx-auto max-w-7xl px-4 py-16 sm:px-6 sm:py-24 lg:px-8">
        <SectionHeading id="steps-title" eyebrow={t('steps.eyebrow')} title={t('steps.title')} />
        <ol className="mt-12 grid gap-8 sm:grid-cols-2 lg:grid-cols-4">
          {steps.map((step, index) => (
            <li key={step.title} className="relative">
              <span
                aria-hidden="true"
                className="flex size-11 items-center justify-center rounded-full bg-maple-50 font-bold text-lg text-maple-700 ring-1 ring-maple-100"
              >
                {index + 1}
              </span>
              <h3 className="mt-4 font-semibold text-brand-950 text-lg">{step.title}</h3>
              <p className="mt-2 text-slate-700">{step.body}</p>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
