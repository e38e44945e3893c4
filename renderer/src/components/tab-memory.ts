/**
 * Which tab each long page showed last, kept while the app runs (not saved): coming back from another
 * page opens the tab the person was using. A page's first tab when it was never chosen.
 */
import { useState } from 'react';

const remembered = new Map<string, string>();

export function useRememberedTab<T extends string>(page: string, first: T): readonly [T, (id: T) => void] {
  const [selected, setSelected] = useState<T>(() => (remembered.get(page) as T | undefined) ?? first);
  function select(id: T) {
    remembered.set(page, id);
    setSelected(id);
  }
  return [selected, select];
}
