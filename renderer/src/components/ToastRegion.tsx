/**
 * Where action results appear. Successes are announced politely and fade after a few seconds;
 * errors are announced at once and stay until dismissed, so a slow reader does not miss them.
 * The region is a bar in the layout flow at the top of the window, not an overlay: a toast pushes the
 * page down and never covers what a person has to act on (a one-time token's Copy button, a dialog).
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Toast } from '../stores/toast-store';
import { useToasts } from '../stores/store-hooks';

const SUCCESS_TOAST_MS = 6000;

export function ToastRegion() {
  const toasts = useToasts(useShallow((state) => state.toasts));
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <div className="toast-region">
      <div role="status" aria-live="polite" className="toast-region__stack">
        {toasts.filter((toast) => toast.tone !== 'error').map((toast) => <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />)}
      </div>
      <div role="alert" className="toast-region__stack">
        {toasts.filter((toast) => toast.tone === 'error').map((toast) => <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />)}
      </div>
    </div>
  );
}

function ToastItem({ toast, onDismiss }: { readonly toast: Toast; readonly onDismiss: (id: number) => void }) {
  useEffect(() => {
    if (toast.tone === 'error') return;
    const timer = window.setTimeout(() => onDismiss(toast.id), SUCCESS_TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast, onDismiss]);
  return (
    <div className={`toast toast--${toast.tone}`}>
      <p className="toast__message">{toast.message}</p>
      <button type="button" className="toast__dismiss" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>×</button>
    </div>
  );
}
