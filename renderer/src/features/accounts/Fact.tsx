/** One line of a key's facts: a name and its value (a definition list row). */
export function Fact({ name, value, mono = false }: { readonly name: string; readonly value: string; readonly mono?: boolean }) {
  return (
    <div className="facts__row">
      <dt>{name}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}
