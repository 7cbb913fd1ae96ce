import { cn } from '../../../lib/cn';
import { initials } from '../lib/labels';

const sizes = { md: 'size-16 text-xl', lg: 'size-28 text-3xl sm:size-32' } as const;

/**
 * The pro's photo, or their initials. Decorative: the name is always written beside it, so the image
 * says nothing more to a screen reader.
 */
export function ProAvatar({
  firstName,
  lastName,
  photoUrl,
  size = 'md',
}: {
  firstName: string;
  lastName: string;
  photoUrl: string | null;
  size?: keyof typeof sizes;
}) {
  if (photoUrl) {
    return (
      <img
        src={photoUrl}
        alt=""
        loading="lazy"
        className={cn('shrink-0 rounded-full bg-slate-100 object-cover', sizes[size])}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className={cn(
        'flex shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-900',
        sizes[size],
      )}
    >
      {initials(firstName, lastName)}
    </span>
  );
}
