/**
 * The exchange refused the request's IP address (issue 20): a short walk-through — where the key's
 * allow-list is on that exchange, the address to add (when the exchange said which it saw), or a
 * proxy with a fixed IP for a home connection whose address changes (the Connection section).
 */
import { allowListLocation } from '../../../../electron/shared/key-ip-exposure';

interface IpNotAllowedHelpProps {
  readonly provider: string;
  readonly exchangeName: string;
  readonly seenIp: string | null;
}

export function IpNotAllowedHelp({ provider, exchangeName, seenIp }: IpNotAllowedHelpProps) {
  const where = allowListLocation(provider, exchangeName);
  return (
    <div className="callout callout--danger" role="note" aria-label="Fix the IP allow-list">
      <p><strong>{exchangeName} did not accept the address this request came from.</strong></p>
      <ol>
        <li>Open {where}.</li>
        <li>
          {seenIp !== null
            ? <>Add <span className="mono">{seenIp}</span>: that is the address {exchangeName} saw.</>
            : <>Add this connection's public IP address ({exchangeName} did not say which it saw).</>}
        </li>
        <li>Save on {exchangeName}, then press Verify here.</li>
      </ol>
      <p className="small">On a home connection whose IP changes, set a proxy with a fixed IP below (Connection) and add the proxy's IP instead.</p>
    </div>
  );
}
