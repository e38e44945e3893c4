/** One titled block of the settings page. */
import { useId, type ReactNode } from 'react';

interface SettingsSectionProps {
  readonly title: string;
  readonly description?: ReactNode;
  /** The intro above the content instead of beside it, for content with columns of its own (backup). */
  readonly wide?: boolean;
  readonly children: ReactNode;
}

export function SettingsSection({ title, description, wide = false, children }: SettingsSectionProps) {
  const titleId = useId();
  return (
    <section className={wide ? 'panel settings-section settings-section--wide' : 'panel settings-section'} aria-labelledby={titleId}>
      <div className="settings-section__intro">
        <h2 className="settings-section__title" id={titleId}>{title}</h2>
        {description ? <p className="settings-section__description">{description}</p> : null}
      </div>
      <div className="settings-section__body">{children}</div>
    </section>
  );
}
