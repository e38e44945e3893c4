/** One titled block of the settings page. */
import { useId, type ReactNode } from 'react';

export function SettingsSection({ title, description, children }: { readonly title: string; readonly description?: ReactNode; readonly children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="panel settings-section" aria-labelledby={titleId}>
      <div className="settings-section__intro">
        <h2 className="settings-section__title" id={titleId}>{title}</h2>
        {description ? <p className="settings-section__description">{description}</p> : null}
      </div>
      <div className="settings-section__body">{children}</div>
    </section>
  );
}
