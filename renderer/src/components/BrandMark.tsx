/** Keywarden's mark: a shield with a keyhole, drawn inline (the app loads no images). */
export function BrandMark({ size = 28 }: { readonly size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path className="brand-mark__shield" d="M16 2.5 4.5 6.8v8.4c0 7.2 4.9 12.4 11.5 14.3 6.6-1.9 11.5-7.1 11.5-14.3V6.8L16 2.5Z" />
      <circle className="brand-mark__hole" cx="16" cy="14" r="3.2" />
      <path className="brand-mark__hole" d="M14.6 16.2h2.8l1 6h-4.8l1-6Z" />
    </svg>
  );
}
