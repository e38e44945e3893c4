/** A failure that belongs to the whole form rather than one field: announced as soon as it appears. */
export function FormError({ message }: { readonly message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="callout callout--danger" role="alert">
      {message}
    </div>
  );
}
