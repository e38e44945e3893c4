/**
 * The title block of a page. The heading takes focus when the page opens, so keyboard and screen
 * reader users start at the top of the new page rather than on the menu item they left.
 */
import { useEffect, useRef, type ReactNode } from 'react';

interface PageHeaderProps {
  readonly title: string;
  readonly description?: ReactNode;
  readonly actions?: ReactNode;
  /** False when the page puts focus somewhere more useful itself (e.g. a search box). */
  readonly focusOnMount?: boolean;
}

export function PageHeader({ title, description, actions, focusOnMount = true }: PageHeaderProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  return (
    <header className="page-header">
      <div className="page-header__text">
        <h1 className="page-header__title" ref={heading} tabIndex={-1}>{title}</h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}
