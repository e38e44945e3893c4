/**
 * Proves that no secret the test typed is anywhere the page or its bridge can show it: the DOM, the
 * values of its inputs, localStorage / sessionStorage, or any answer or event the bridge carried.
 * Reports where a secret was found by its name, never its value.
 */
import type { Page } from 'playwright-core';

export interface NamedSecret {
  readonly name: string;
  readonly value: string;
}

export async function findLeakedSecrets(page: Page, secrets: readonly NamedSecret[], bridgeTraffic: readonly string[]): Promise<string[]> {
  const places: { readonly where: string; readonly text: string }[] = [];
  if (!page.isClosed()) {
    places.push({ where: 'the DOM', text: await page.content() });
    const values = await page.locator('input, textarea, select').evaluateAll((elements) => elements.map((element) => (element as unknown as { value: string }).value));
    places.push({ where: 'an input value', text: values.join('\n') });
    const storage = await page.evaluate('JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])');
    places.push({ where: 'web storage', text: String(storage) });
  }
  places.push({ where: 'a bridge answer or event', text: bridgeTraffic.join('\n') });

  const leaks: string[] = [];
  for (const secret of secrets) {
    for (const place of places) {
      if (place.text.includes(secret.value)) leaks.push(`${secret.name} found in ${place.where}`);
    }
  }
  return leaks;
}
