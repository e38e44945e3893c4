/**
 * A modal dialog on the native <dialog> element: the browser traps focus inside it, Escape closes
 * it, and focus returns to what opened it when it closes.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly tone?: 'default' | 'danger';
}

export function Dialog({ title, onClose, children, tone = 'default' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${tone}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: let React unmount the dialog instead of the browser hiding it behind our back.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 className="dialog__title" id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
