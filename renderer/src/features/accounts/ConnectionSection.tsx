/**
 * An exchange account's connection (issue 20): the outbound proxy its requests leave through (shown
 * as scheme://host:port, never its user name or password), the IPs its key is bound to, and set /
 * clear / test. The URL is typed into a password field and sent once (credentials.changeSettings); it
 * never comes back.
 */
import { useEffect, useState } from 'react';
import { Section } from '../../components/Section';
import type { CredentialInfo } from '../../api/contract-types';
import { callChannel } from '../../api/call-channel';
import { useAppStores } from '../../stores/store-hooks';
import { checkProxyUrl } from '../../../../electron/shared/outbound-proxy';
import { boundIps } from '../../../../electron/shared/key-ip-exposure';

interface ConnectionSectionProps {
  readonly credential: CredentialInfo;
  readonly providerName: string;
}

export function ConnectionSection({ credential, providerName }: ConnectionSectionProps) {
  const { credentials } = useAppStores();
  const [proxy, setProxy] = useState<string | null | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [tested, setTested] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ips = boundIps(credential);

  useEffect(() => {
    let live = true;
    void callChannel(window.keywarden, 'exchanges.connection', { ref: credential.id }).then((result) => {
      if (live) setProxy(result.ok ? result.value.proxy : null);
    });
    return () => { live = false; };
  }, [credential.id, credential.updatedAt]);

  async function change(proxyUrl: string) {
    if (proxyUrl !== '') {
      const check = checkProxyUrl(proxyUrl);
      if (!check.ok) { setProblem(check.problem); return; }
    }
    setBusy(true);
    const result = await callChannel(window.keywarden, 'credentials.changeSettings', { ref: credential.id, fields: { proxyUrl } });
    setBusy(false);
    if (!result.ok) { setProblem(result.error.message); return; }
    setTyped('');
    setProblem(null);
    setTested(null);
    await credentials.getState().refresh();
  }

  async function test() {
    setBusy(true);
    const result = await callChannel(window.keywarden, 'exchanges.testProxy', { ref: credential.id });
    setBusy(false);
    setTested(result.ok ? result.value.message : result.error.message);
    await credentials.getState().refresh();
  }

  return (
    <Section title="Connection" description={<>Bind the key to a fixed IP you control: requests to {providerName} can leave through a proxy (a small server of yours, e.g. SOCKS5 over <span className="mono">ssh -D</span>), and the key is restricted to that server's IP.</>}>
      <dl className="facts">
        <div className="facts__row"><dt>Proxy</dt><dd className={proxy ? 'mono' : undefined} data-testid="proxy-shown">{proxy === undefined ? 'Loading…' : proxy === null ? 'None: requests go directly from this computer' : `Set: ${proxy}`}</dd></div>
        <div className="facts__row"><dt>Key bound to</dt><dd className={ips.length > 0 ? 'mono' : undefined}>{ips.length > 0 ? ips.join(', ') : credential.permissions?.ipRestricted === true ? 'an IP allow-list' : 'any IP'}</dd></div>
      </dl>
      <form className="inline-form" onSubmit={(event) => { event.preventDefault(); void change(typed); }}>
        <label htmlFor={`proxy-${credential.id}`}>Proxy URL</label>
        <input id={`proxy-${credential.id}`} type="password" autoComplete="off" spellCheck={false} placeholder="socks5://user:password@203.0.113.7:1080" value={typed} onChange={(event) => { setTyped(event.target.value); setProblem(null); }} aria-invalid={problem !== null} aria-describedby={problem === null ? undefined : `proxy-${credential.id}-problem`} />
        <button type="submit" className="button button--secondary button--small" disabled={busy || typed.trim() === ''}>Set proxy</button>
        {proxy ? <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void change('')}>Clear</button> : null}
        <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void test()} aria-busy={busy}>Test connection</button>
      </form>
      {problem !== null ? <p className="field-problem" id={`proxy-${credential.id}-problem`} role="alert">{problem}</p> : null}
      {tested !== null ? <p role="status" className="small">{tested}</p> : null}
    </Section>
  );
}
