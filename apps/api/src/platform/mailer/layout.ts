import type { TLocale } from '@capitune/contracts';

export interface EmailContent {
  subject: string;
  /** The greeting line, e.g. "Bonjour Amina,". */
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print under the action, e.g. how long the link is valid. */
  footnote?: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const signature: Record<TLocale, string> = {
  fr: 'L’équipe CAPITUNE',
  en: 'The CAPITUNE team',
};
const automatedNotice: Record<TLocale, string> = {
  fr: 'Ce courriel vous est envoyé automatiquement par CAPITUNE. Ne répondez pas à ce message.',
  en: 'This email was sent automatically by CAPITUNE. Please do not reply to this message.',
};

/**
 * The typography of every email, applied once here so that words written elsewhere (a service's, a
 * member's title) follow it too. French: a no-break space (U+00A0) before : ; ! ? » and after «, never a
 * plain or narrow one. Both languages: the typographic apostrophe (’), as in the web app.
 */
export function typeset(locale: TLocale, text: string): string {
  const apostrophes = text.replace(/(?<=\p{L})'(?=\p{L})/gu, '’');
  if (locale !== 'fr') return apostrophes;
  return apostrophes.replace(/[ \u202f]+([:;!?»])/g, '\u00a0$1').replace(/«[ \u202f]+/g, '«\u00a0');
}

/** The one layout of every email: plain text and a simple, accessible HTML version of the same words. */
export function renderEmail(
  locale: TLocale,
  words: EmailContent,
): { subject: string; text: string; html: string } {
  const typed = (text: string) => typeset(locale, text);
  const content: EmailContent = {
    subject: typed(words.subject),
    greeting: typed(words.greeting),
    paragraphs: words.paragraphs.map(typed),
    ...(words.action ? { action: { label: typed(words.action.label), url: words.action.url } } : {}),
    ...(words.footnote ? { footnote: typed(words.footnote) } : {}),
  };
  const colon = locale === 'fr' ? '\u00a0:' : ':';
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(content.action ? [`${content.action.label}${colon} ${content.action.url}`, ''] : []),
    ...(content.footnote ? [content.footnote, ''] : []),
    signature[locale],
    '',
    '—',
    automatedNotice[locale],
  ].join('\n');

  const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6fa;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b2540">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
<p style="font-weight:700;font-size:20px;color:#173a7a;margin:0 0 24px">CAPITUNE</p>
<p>${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${
  content.action
    ? `<p style="margin:28px 0"><a href="${escapeHtml(content.action.url)}" style="background:#173a7a;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:13px;color:#4a5572">${escapeHtml(content.action.url)}</p>`
    : ''
}
${content.footnote ? `<p style="font-size:13px;color:#4a5572">${escapeHtml(content.footnote)}</p>` : ''}
<p>${escapeHtml(signature[locale])}</p>
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#4a5572">${escapeHtml(automatedNotice[locale])}</p>
</body>
</html>`;
  return { subject: content.subject, text, html };
}
