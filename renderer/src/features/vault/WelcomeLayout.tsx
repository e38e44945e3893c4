/** The centred card the app shows before the vault is open: first run, unlock, start-up. */
import type { ReactNode } from 'react';
import { BrandMark } from '../../components/BrandMark';

export function WelcomeLayout({ title, intro, children }: { readonly title: string; readonly intro?: ReactNode; readonly children?: ReactNode }) {
  return (
    <main className="welcome">
      <div className="welcome__card">
        <div className="welcome__brand">
          <BrandMark size={32} />
          <span className="welcome__brand-name">Keywarden</span>
        </div>
        <h1 className="welcome__title">{title}</h1>
        {intro ? <div className="welcome__intro">{intro}</div> : null}
        {children}
      </div>
      <p className="welcome__footnote">Your keys stay on this computer, encrypted. No account, no cloud.</p>
    </main>
  );
}
