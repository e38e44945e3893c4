/**
 * Copies a text to the clipboard, and says so. If the clipboard refuses (no permission, no focus),
 * it says how to copy by hand instead of failing silently.
 */
import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useAppStores } from '../stores/store-hooks';

const COPIED_MS = 2000;

export function CopyButton({ text, what, label = 'Copy' }: { readonly text: string; readonly what: string; readonly label?: string }) {
  const { toasts } = useAppStores();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), COPIED_MS);
    return () => window.clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      toasts.getState().show('success', `${what} copied to the clipboard.`);
    } catch {
      toasts.getState().show('error', `Could not copy the ${what.toLowerCase()}: select it and press Ctrl+C (⌘C on a Mac).`);
    }
  }

  return (
    <button type="button" className="button button--secondary button--small" onClick={() => void copy()} aria-label={`${label} ${what.toLowerCase()}`}>
      {copied ? <Check size={14} aria-hidden="true" /> : <Copy size={14} aria-hidden="true" />}
      {copied ? 'Copied' : label}
    </button>
  );
}
