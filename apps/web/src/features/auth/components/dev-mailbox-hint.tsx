import { Link } from '@tanstack/react-router';
import { Alert } from '../../../components/ui/alert';
import { renderRichText } from '../../../lib/rich-text';
import { textLinkClasses } from './auth-layout';

/**
 * Emails stay in the outbox in embedded mode, the way CAPITUNE runs on a person's own machine: there,
 * point to the development mailbox. A hint only (guessed from a loopback address), never relied upon.
 */
export function DevMailboxHint({ text }: { text: string }) {
  const host = typeof window === 'undefined' ? '' : window.location.hostname;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(host)) return null;
  return (
    <Alert tone="info" live={false}>
      {renderRichText(text, {
        mailbox: (children) => (
          <Link to="/dev/mailbox" className={textLinkClasses}>
            {children}
          </Link>
        ),
      })}
    </Alert>
  );
}
