import type { TMyVerification } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { FileUploadForm } from '../../../components/forms/file-upload-form';
import { useSession } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { IDENTITY_DOCUMENT_MAX_BYTES, useUploadIdentityDocument } from '../api/upload-identity-document';

/** The pro's identity document: what is stored (never shown back), and sending it (or a new one). */
export function IdentityDocument({
  file,
  editable,
  headingId,
}: {
  file: TMyVerification;
  editable: boolean;
  headingId: string;
}) {
  const { t, i18n } = useTranslation('verification');
  const { user } = useSession();
  const upload = useUploadIdentityDocument();
  const stored = file.identityDocument;

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('identity.heading')}
      </h2>
      <p className="mt-1 text-slate-700">{t('identity.intro')}</p>
      <p className="mt-3 break-words text-slate-800">
        {stored
          ? t('identity.stored', {
              name: stored.originalName,
              date: formatDateTime(stored.uploadedAt, i18n.language, user?.timeZone),
            })
          : t('identity.none')}
      </p>
      {editable && (
        <div className="mt-4">
          <FileUploadForm
            maxBytes={IDENTITY_DOCUMENT_MAX_BYTES}
            upload={(document, onProgress) => upload.mutateAsync({ file: document, onProgress })}
            texts={{
              label: stored ? t('identity.replace') : t('identity.choose'),
              hint: t('identity.hint'),
              submit: t('identity.submit'),
              sending: t('identity.sending'),
              done: (name) => t('identity.done', { name }),
              problems: {
                noFile: t('identity.problems.noFile'),
                empty: t('identity.problems.empty'),
                tooLarge: t('identity.problems.tooLarge'),
                wrongType: t('identity.problems.wrongType'),
              },
            }}
          />
        </div>
      )}
    </section>
  );
}
