import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The raw header lines by lower-case name (`list-unsubscribe` → `<https://…>`), unfolded. */
  headers: Record<string, string>;
  /** Files attached, decoded as UTF-8 text. */
  attachments: { filename: string; contentType: string; content: string }[];
}

/**
 * A real SMTP server on a free local port that keeps what it receives. `refuse(true)` makes it answer
 * every message with a temporary failure, as a relay that is down.
 */
export async function startSmtpReceiver() {
  const received: ReceivedEmail[] = [];
  let refusing = false;
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (refusing) {
        stream.resume();
        stream.on('end', () =>
          callback(Object.assign(new Error('Mailbox unavailable, try later'), { responseCode: 451 })),
        );
        return;
      }
      simpleParser(stream).then(
        (mail: ParsedMail) => {
          const to = [mail.to]
            .flat()
            .flatMap((address) => address?.value.map((entry) => entry.address ?? '') ?? []);
          received.push({
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: String(mail.html || ''),
            headers: Object.fromEntries(
              mail.headerLines.map((header) => [
                header.key,
                header.line
                  .slice(header.line.indexOf(':') + 1)
                  .replace(/\r?\n(?=[ \t])/g, '')
                  .trim(),
              ]),
            ),
            attachments: mail.attachments.map((attachment) => ({
              filename: attachment.filename ?? '',
              contentType: attachment.contentType,
              content: attachment.content.toString('utf8'),
            })),
          });
          for (const wake of waiters.splice(0)) wake();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  // A sender that dies in the middle of a transaction resets its connection; a relay drops that
  // connection and goes on (without a listener the error would be thrown in the test process).
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(value: boolean) {
      refusing = value;
    },
    /** Resolves with the first received email matching, waiting up to `timeoutMs`. */
    async waitFor(match: (email: ReceivedEmail) => boolean, timeoutMs = 10_000): Promise<ReceivedEmail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`no matching email within ${timeoutMs} ms (received: ${received.length})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(left, 200));
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token in the first `?token=` link of an email. */
export function tokenFrom(text: string): string {
  const match = text.match(/[?&]token=([\w-]+)/);
  if (!match?.[1]) throw new Error(`no token link in: ${text.slice(0, 200)}`);
  return match[1];
}
