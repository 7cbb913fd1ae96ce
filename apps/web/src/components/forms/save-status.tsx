import { CheckIcon } from '../ui/icons';

/**
 * A polite live region beside a form's button: always in the page (so that what appears in it is
 * announced), showing "saved" after a successful submit.
 */
export function SaveStatus({ message }: { message: string | null }) {
  return (
    <p role="status" className="flex min-h-6 items-center gap-1.5 font-medium text-emerald-800">
      {message && (
        <>
          <CheckIcon className="size-5 shrink-0" />
          {message}
        </>
      )}
    </p>
  );
}
