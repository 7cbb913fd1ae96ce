import nodemailer from 'nodemailer';

/** A file sent with an email, as text (a calendar invitation…). */
export interface EmailAttachment {
  filename: string;
  /** The full MIME type, parameters included: `text/calendar; charset=utf-8; method=PUBLISH`. */
  contentType: string;
  content: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
  /** A non-essential email's one-click unsubscribe address: `List-Unsubscribe` + `List-Unsubscribe-Post` (RFC 8058). */
  listUnsubscribe?: string | null;
}

/** Hands emails to an SMTP relay (SendGrid, Mailgun, Postmark, a local Postfix…). */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  // Connections are kept and reused (a pool): a new connection, TLS included, for every email made a
  // large webinar's reminders trickle out at a few per second. Give up on a silent relay well within a
  // job's expiry (nodemailer waits up to 2 minutes to connect and 10 minutes of silence by default); the
  // job retries. Options in the URL's query string (`?pool=false`, `?maxConnections=2`…) take precedence.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 45_000,
  });
  return {
    async send({ attachments, listUnsubscribe, ...email }) {
      await transport.sendMail({
        from,
        ...email,
        ...(listUnsubscribe
          ? {
              list: { unsubscribe: listUnsubscribe },
              headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
            }
          : {}),
        ...(attachments && attachments.length > 0
          ? {
              attachments: attachments.map((attachment) => ({
                filename: attachment.filename,
                contentType: attachment.contentType,
                content: attachment.content,
              })),
            }
          : {}),
      });
    },
    close: () => transport.close(),
  };
}
