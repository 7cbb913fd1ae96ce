import type { SVGProps } from 'react';

// Icons of the signed-in pages. Apart from `icons.tsx` (which the home page carries) so that they travel
// with the pages that use them. Same look: decorative 24×24 lines coloured by `currentColor`.

export type AppIconProps = Omit<SVGProps<SVGSVGElement>, 'children'>;

function Icon({ className = 'size-6', ...props }: SVGProps<SVGSVGElement>) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      {...props}
    />
  );
}

export function BellIcon(props: AppIconProps) {
  return (
    <Icon {...props}>
      <path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2h-15zM10 20.5a2.2 2.2 0 0 0 4 0" />
    </Icon>
  );
}

export function UploadIcon(props: AppIconProps) {
  return (
    <Icon {...props}>
      <path d="M12 15.5V4M7.5 8.5 12 4l4.5 4.5M4.5 15v3.5A1.5 1.5 0 0 0 6 20h12a1.5 1.5 0 0 0 1.5-1.5V15" />
    </Icon>
  );
}

export function DownloadIcon(props: AppIconProps) {
  return (
    <Icon {...props}>
      <path d="M12 4v11.5M7.5 11 12 15.5 16.5 11M4.5 15v3.5A1.5 1.5 0 0 0 6 20h12a1.5 1.5 0 0 0 1.5-1.5V15" />
    </Icon>
  );
}

export function FileIcon(props: AppIconProps) {
  return (
    <Icon {...props}>
      <path d="M14 3.5H7A1.5 1.5 0 0 0 5.5 5v14A1.5 1.5 0 0 0 7 20.5h10a1.5 1.5 0 0 0 1.5-1.5V8z" />
      <path d="M14 3.5V8h4.5M9 12.5h6M9 16h6" />
    </Icon>
  );
}

export function PlusIcon(props: AppIconProps) {
  return (
    <Icon {...props}>
      <path d="M12 5v14M5 12h14" />
    </Icon>
  );
}

export function CalendarIcon(props: AppIconProps) {
  return (
    <Icon {...props}>
      <rect x="3.5" y="5" width="17" height="15.5" rx="2" />
      <path d="M3.5 10h17M8 3v4M16 3v4" />
    </Icon>
  );
}

export function AlertIcon(props: AppIconProps) {
  return (
    <Icon {...props}>
      <path d="M12 4 2.8 19.5h18.4z" />
      <path d="M12 10v4.5M12 17.2v.3" />
    </Icon>
  );
}

export function SendIcon(props: AppIconProps) {
  return (
    <Icon {...props}>
      <path d="M4 12 20 4l-5 16-3.5-6.5z" />
      <path d="M11.5 13.5 20 4" />
    </Icon>
  );
}

export function SearchIcon(props: AppIconProps) {
  return (
    <Icon {...props}>
      <circle cx="11" cy="11" r="6.5" />
      <path d="m16 16 4.5 4.5" />
    </Icon>
  );
}

export function LockSmallIcon(props: AppIconProps) {
  return (
    <Icon {...props}>
      <rect x="5" y="10.5" width="14" height="9.5" rx="2" />
      <path d="M8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5" />
    </Icon>
  );
}
