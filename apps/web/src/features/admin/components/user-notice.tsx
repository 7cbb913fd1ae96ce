import { type RefObject, useCallback, useRef, useState } from 'react';
import { Alert } from '../../../components/ui/alert';

/**
 * The result of an action, said politely and given the focus when the control that started it is gone
 * (a "lift" button disappears once lifted, a dialog closes): keyboard users go on from the message.
 */
export function useActionNotice() {
  const [notice, setNotice] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const announce = useCallback((message: string) => {
    setNotice(message);
    // After the dialog has handed the focus back (it does so once closed).
    window.setTimeout(() => {
      const active = document.activeElement;
      if (!active || active === document.body || !active.isConnected) ref.current?.focus();
    }, 50);
  }, []);
  const clear = useCallback(() => setNotice(null), []);
  return { notice, ref, announce, clear };
}

export function ActionNotice({
  notice,
  noticeRef,
  className,
}: {
  notice: string | null;
  noticeRef: RefObject<HTMLDivElement | null>;
  className?: string;
}) {
  return (
    <div ref={noticeRef} tabIndex={-1} aria-live="polite" className={className}>
      {notice && (
        <Alert tone="success" live={false}>
          {notice}
        </Alert>
      )}
    </div>
  );
}
