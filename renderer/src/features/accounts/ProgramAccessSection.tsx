/**
 * The key's switch "Allow programs to use this key" (issue 16): off by default; when on,
 * `keywarden run` may hand the key's fields to a program the person starts in a terminal. The
 * window itself never receives a field: it only turns the switch.
 */
import { useState } from 'react';
import { Section } from '../../components/Section';
import type { CredentialInfo } from '../../api/contract-types';
import { selectAiProvider } from '../../stores/ai-providers-store';
import { useAiProviders, useAppStores } from '../../stores/store-hooks';
import { AlwaysAllowedPrograms } from './AlwaysAllowedPrograms';

export function ProgramAccessSection({ credential }: { readonly credential: CredentialInfo }) {
  const { credentials, toasts } = useAppStores();
  const [asked, setAsked] = useState<boolean | null>(null);
  // An AI key's example uses the variable programs usually read it from (OPENAI_API_KEY).
  const aiVariable = useAiProviders((state) => selectAiProvider(credential.provider)(state)?.env['apiKey']?.[0] ?? null);
  const example = credential.kind === 'ai'
    ? `${aiVariable ?? 'API_KEY'}=keywarden://${credential.label}/apiKey`
    : credential.kind === 'wallet' || credential.kind === 'polymarket'
      ? `PRIVATE_KEY=keywarden://${credential.label}/${credential.fields.includes('mnemonic') ? 'mnemonic' : 'privateKey'}`
      : `API_SECRET=keywarden://${credential.label}/secret`;

  async function toggle(allowPrograms: boolean) {
    setAsked(allowPrograms);
    const result = await credentials.getState().update({ ref: credential.id, allowPrograms });
    setAsked(null);
    if (!result.ok) return toasts.getState().show('error', result.error.message);
    toasts.getState().show('success', allowPrograms ? `Programs you start through Keywarden may now use “${credential.label}”.` : `No program is handed “${credential.label}” any more.`);
  }

  return (
    <Section
      title="Programs"
      description={<>Let your own bots and scripts use this key without a .env file: <span className="mono">keywarden run --env {example} -- python bot.py</span> puts the field in that program’s environment only, and hides it in its output. Every use is in the audit log.</>}
    >
      <label className="checkbox">
        <input type="checkbox" checked={asked ?? credential.allowPrograms} aria-busy={asked !== null} onChange={(event) => { if (asked === null) void toggle(event.currentTarget.checked); }} />
        <span>Allow programs to use this key</span>
      </label>
      {credential.allowPrograms ? <AlwaysAllowedPrograms credential={credential} /> : null}
    </Section>
  );
}
