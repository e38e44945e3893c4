/**
 * The address of a provider's keys page, to open in a browser: shown with a Copy button rather than
 * as a link, because the app's window opens no other page (its one window factory denies navigation
 * and new windows).
 */
import { CopyButton } from '../../components/CopyButton';

export function KeysPageAddress({ address, providerName }: { readonly address: string; readonly providerName: string }) {
  return (
    <span className="keys-page">
      <span className="mono keys-page__address">{address}</span>
      <CopyButton text={address} what={`The address of ${providerName}’s keys page`} label="Copy address" />
    </span>
  );
}
