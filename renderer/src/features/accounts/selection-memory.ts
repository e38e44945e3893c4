/**
 * Which key the Accounts page showed last, and when it was last open: kept for the session so
 * coming back from a key's page or the add form shows the key the person was working on (or the one
 * just added), not the top of the list.
 */
let remembered: { id: string | null; at: number } = { id: null, at: 0 };

export function rememberedSelection(): { readonly id: string | null; readonly at: number } {
  return remembered;
}

export function rememberSelection(id: string | null, at: number): void {
  remembered = { id, at };
}
