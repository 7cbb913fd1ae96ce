/** The CAPITUNE mark (as in public/favicon.svg): a "C" on deep blue with a maple-red leaf. Decorative. */
export function BrandMark({ className = 'size-8' }: { className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 64 64" className={className}>
      <rect width="64" height="64" rx="14" fill="#0c2d57" />
      <path fill="#ffffff" d="M40.5 20.6a14 14 0 1 0 0 22.8l-3.6-5A7.9 7.9 0 1 1 36.9 25.6z" />
      <path
        fill="#d52b1e"
        d="M45 26l1.6 3.4 3.4-1.2-1 3.8 2.5 1.4-3.9 2.4.7 2.6-3.3-.8-.9 1.9v-1.5l-1-.1.1 1.5-.9-1.9-3.3.8.7-2.6-3.9-2.4 2.5-1.4-1-3.8 3.4 1.2z"
      />
    </svg>
  );
}
