import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { LockSmallIcon } from '../../../components/ui/app-icons';
import { Badge } from '../../../components/ui/badge';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useSession } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useAddNote } from '../api/add-note';
import { useNotes } from '../api/list-notes';

const NOTE_MAX = 5000;

/** The firm's notes on a dossier: never shown to the candidate (the API refuses them anyway). */
export function InternalNotes({ dossierId }: { dossierId: string }) {
  const { t, i18n } = useTranslation(['dossiers', 'forms']);
  const { user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const headingId = useId();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const notes = useNotes(dossierId);
  const add = useAddNote(dossierId, { onSuccess: () => setBody('') });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setError(t('forms:validation.required'));
      return;
    }
    if (body.trim().length > NOTE_MAX) {
      setError(t('forms:validation.tooLong', { count: NOTE_MAX }));
      return;
    }
    add.mutate(body.trim());
  }

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-amber-50 p-4 shadow-sm ring-1 ring-amber-300 sm:p-6"
    >
      <div className="flex flex-wrap items-center gap-2">
        <LockSmallIcon className="size-5 text-amber-900" />
        <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
          {t('notes.title')}
        </h2>
        <Badge tone="warning">{t('notes.private')}</Badge>
      </div>
      <p className="mt-1 text-amber-950 text-sm">{t('notes.intro')}</p>
      {notes.isPending && <Spinner label={t('notes.loading')} className="mt-4" />}
      <ServerErrorAlert error={notes.error} className="mt-4" />
      {notes.data &&
        (notes.data.length === 0 ? (
          <p className="mt-4 text-slate-700">{t('notes.empty')}</p>
        ) : (
          <ul className="mt-4 flex flex-col gap-3">
            {notes.data.map((note) => (
              <li key={note.id} className="rounded-lg bg-white p-4 ring-1 ring-amber-300">
                <p className="text-slate-600 text-sm">
                  {note.author.firstName} {note.author.lastName} ·{' '}
                  <time dateTime={note.createdAt}>
                    {formatDateTime(note.createdAt, language, user?.timeZone)}
                  </time>
                </p>
                <p className="mt-1 whitespace-pre-wrap break-words text-slate-900">{note.body}</p>
              </li>
            ))}
          </ul>
        ))}
      <form noValidate onSubmit={submit} className="mt-4 flex flex-col gap-3">
        <Textarea
          label={t('notes.new')}
          rows={3}
          value={body}
          error={error}
          onChange={(event) => {
            setBody(event.target.value);
            setError(undefined);
          }}
        />
        <ServerErrorAlert error={add.error} />
        <div>
          <SubmitButton variant="secondary" pending={add.isPending}>
            {t('notes.add')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
