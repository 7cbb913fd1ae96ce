import type { TAdminUserDetail } from '@capitune/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { fieldErrorsOf, translateMessage } from '../../../lib/form-errors';
import { useActOnUser } from '../api/act-on-user';
import { ActionNotice, useActionNotice } from './user-notice';

const tagPattern = /^[\p{Ll}\p{N}][\p{Ll}\p{N}-]*$/u;

/** A member's tags: each removable, and a field to add one. */
export function UserTags({ user }: { user: TAdminUserDetail }) {
  const { t } = useTranslation(['admin-users', 'forms']);
  const act = useActOnUser(user.id);
  const [tag, setTag] = useState('');
  const [tagError, setTagError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const { notice, ref, announce, clear } = useActionNotice();

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    clear();
    const value = tag.trim().toLowerCase();
    if (!value) return setTagError('i18n:{"key":"forms:validation.required"}');
    if (value.length > 40 || !tagPattern.test(value))
      return setTagError('i18n:{"key":"forms:validation.format"}');
    setTagError(undefined);
    try {
      await act.mutateAsync({ action: 'tag', tag: value });
      setTag('');
      announce(t('user.tagAdded', { tag: value }));
      inputRef.current?.focus();
    } catch (caught) {
      const [fieldError] = fieldErrorsOf(caught, ['tag']);
      if (fieldError) setTagError(fieldError.message);
      else setError(caught);
    }
  }

  async function remove(value: string) {
    setError(null);
    clear();
    try {
      await act.mutateAsync({ action: 'untag', tag: value });
      announce(t('user.tagRemoved', { tag: value }));
      inputRef.current?.focus();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      {user.tags.length === 0 ? (
        <p className="text-slate-700 text-sm">{t('user.noTags')}</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {user.tags.map((value) => (
            <li
              key={value}
              className="inline-flex items-center gap-1 rounded-full bg-brand-50 ps-3 text-brand-900 text-sm ring-1 ring-brand-200"
            >
              {value}
              <Button
                variant="ghost"
                size="sm"
                className="rounded-full"
                aria-label={t('user.removeTag', { tag: value })}
                disabled={act.isPending}
                onClick={() => void remove(value)}
              >
                <span aria-hidden="true">×</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form noValidate onSubmit={add} className="flex flex-wrap items-end gap-2">
        <Input
          ref={inputRef}
          label={t('user.newTag')}
          hint={t('users.tagHint')}
          value={tag}
          maxLength={40}
          autoCapitalize="none"
          error={translateMessage(t, tagError)}
          onChange={(event) => setTag(event.target.value)}
          className="min-w-0 flex-1 basis-48"
        />
        <Button type="submit" variant="secondary" disabled={act.isPending}>
          {t('user.addTag')}
        </Button>
      </form>
      <ActionNotice notice={notice} noticeRef={ref} />
      <ServerErrorAlert error={error} />
    </div>
  );
}
