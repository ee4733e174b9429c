export function Logo({ className = 'size-5' }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden className={className} fill="none">
      <rect x="2" y="4" width="20" height="16" rx="3" className="fill-primary" />
      <path
        d="M6 9h12M6 13h8M6 17h5"
        className="stroke-primary-foreground"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}
