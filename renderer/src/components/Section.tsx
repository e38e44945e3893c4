/** A titled panel of a page: a heading (region name for screen readers), an optional line under it, the content. */
import { useId, type ReactNode } from 'react';

interface SectionProps {
  readonly title: string;
  readonly description?: ReactNode;
  /** Buttons at the right of the heading. */
  readonly actions?: ReactNode;
  readonly tone?: 'default' | 'danger';
  readonly className?: string;
  readonly children: ReactNode;
}

export function Section({ title, description, actions, tone = 'default', className, children }: SectionProps) {
  const titleId = useId();
  return (
    <section className={['panel', 'section', tone === 'danger' ? 'section--danger' : '', className ?? ''].filter(Boolean).join(' ')} aria-labelledby={titleId}>
      <div className="section__head">
        <div className="section__intro">
          <h2 className="section__title" id={titleId}>{title}</h2>
          {description ? <p className="section__description">{description}</p> : null}
        </div>
        {actions ? <div className="section__actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
