import { type TPasskey, ZPasskeyName } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Input } from '../../../components/ui/input';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { passkeyFailure, supportsWebAuthn } from '../../../lib/webauthn';
import { useAddPasskey } from '../api/add-passkey';
import { usePasskeys } from '../api/list-passkeys';
import { useRemovePasskey } from '../api/remove-passkey';
import { useRenamePasskey } from '../api/rename-passkey';
import { SectionActions, SecuritySection } from './security-section';

/** The account's passkeys: add one with a name, rename, remove. */
export function PasskeysSection({ when }: { when: (iso: string) => string }) {
  const { t } = useTranslation(['security', 'forms']);
  const passkeys = usePasskeys();
  const add = useAddPasskey();
  const [webAuthn] = useState(supportsWebAuthn);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function onAdd() {
    setNameError(undefined);
    setNotice(null);
    setError(null);
    setStatus(null);
    const parsed = ZPasskeyName.safeParse(name);
    if (!parsed.success) {
      setNameError(t('forms:validation.required'));
      return;
    }
    try {
      const passkey = await add.mutateAsync(parsed.data);
      setName('');
      setStatus(t('passkeys.added', { name: passkey.name }));
    } catch (caught) {
      const failure = passkeyFailure(caught);
      if (failure) setNotice(t(`passkeys.${failure}`));
      else setError(caught);
    }
  }

  return (
    <SecuritySection id="passkeys" title={t('passkeys.title')} intro={t('passkeys.intro')}>
      {passkeys.isPending && <Spinner label={t('loading')} />}
      {passkeys.isError && <ServerErrorAlert error={passkeys.error} />}
      {passkeys.data &&
        (passkeys.data.length === 0 ? (
          <p className="text-slate-700">{t('passkeys.none')}</p>
        ) : (
          <ul aria-label={t('passkeys.listLabel')} className="flex flex-col gap-3">
            {passkeys.data.map((passkey) => (
              <PasskeyItem key={passkey.id} passkey={passkey} when={when} onChanged={setStatus} />
            ))}
          </ul>
        ))}

      {webAuthn ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onAdd();
          }}
          className="flex flex-col gap-4 border-slate-200 border-t pt-4"
        >
          <Input
            label={t('passkeys.nameLabel')}
            hint={t('passkeys.nameHint')}
            maxLength={60}
            required
            value={name}
            error={nameError}
            onChange={(event) => setName(event.target.value)}
            className="sm:max-w-md"
          />
          {notice && <Alert tone="warning">{notice}</Alert>}
          <ServerErrorAlert error={error} />
          <SectionActions>
            <SubmitButton pending={add.isPending}>{t('passkeys.add')}</SubmitButton>
          </SectionActions>
        </form>
      ) : (
        <p className="text-slate-700">{t('passkeys.unsupported')}</p>
      )}
      <SaveStatus message={status} />
    </SecuritySection>
  );
}

function PasskeyItem({
  passkey,
  when,
  onChanged,
}: {
  passkey: TPasskey;
  when: (iso: string) => string;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation(['security', 'forms']);
  const rename = useRenamePasskey();
  const remove = useRemovePasskey();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);
  const [nameError, setNameError] = useState<string | undefined>();

  async function onRename() {
    setNameError(undefined);
    const parsed = ZPasskeyName.safeParse(name);
    if (!parsed.success) {
      setNameError(t('forms:validation.required'));
      return;
    }
    try {
      await rename.mutateAsync({ id: passkey.id, name: parsed.data });
      setEditing(false);
      onChanged(t('passkeys.renamed'));
    } catch {
      // shown below the field by the mutation's error
    }
  }

  return (
    <li className="flex flex-col gap-3 rounded-xl p-4 ring-1 ring-slate-200 ring-inset">
      {editing ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onRename();
          }}
          className="flex flex-col gap-3"
        >
          <Input
            label={t('passkeys.renameLabel')}
            maxLength={60}
            required
            autoFocus
            value={name}
            error={nameError}
            onChange={(event) => setName(event.target.value)}
          />
          <ServerErrorAlert error={rename.error} />
          <SectionActions>
            <SubmitButton pending={rename.isPending} size="sm">
              {t('passkeys.save')}
            </SubmitButton>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setEditing(false);
                setName(passkey.name);
                rename.reset();
              }}
            >
              {t('passkeys.cancel')}
            </Button>
          </SectionActions>
        </form>
      ) : (
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <p className="break-words font-semibold text-slate-900">{passkey.name}</p>
            <p className="text-slate-600 text-sm">
              {t('passkeys.created', { date: when(passkey.createdAt) })}
              {' · '}
              {passkey.lastUsedAt
                ? t('passkeys.lastUsed', { date: when(passkey.lastUsedAt) })
                : t('passkeys.neverUsed')}
            </p>
            {passkey.backedUp && (
              <Badge tone="neutral" className="mt-2">
                {t('passkeys.synced')}
              </Badge>
            )}
          </div>
          <SectionActions>
            <Button
              variant="secondary"
              size="sm"
              aria-label={t('passkeys.renameAction', { name: passkey.name })}
              onClick={() => setEditing(true)}
            >
              {t('passkeys.rename')}
            </Button>
            <ConfirmDialog
              title={t('passkeys.removeTitle', { name: passkey.name })}
              description={t('passkeys.removeBody')}
              confirmLabel={t('passkeys.remove')}
              cancelLabel={t('passkeys.cancel')}
              onConfirm={async () => {
                await remove.mutateAsync(passkey.id);
                onChanged(t('passkeys.removed'));
              }}
              trigger={
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={t('passkeys.removeAction', { name: passkey.name })}
                >
                  {t('passkeys.remove')}
                </Button>
              }
            />
          </SectionActions>
        </div>
      )}
    </li>
  );
}
