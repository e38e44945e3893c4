/** Short confirmations and failures of actions that have no form to show them in. Never a secret. */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type ToastTone = 'success' | 'error' | 'info';

export interface Toast {
  readonly id: number;
  readonly tone: ToastTone;
  readonly message: string;
}

export interface ToastState {
  readonly toasts: readonly Toast[];
  show(tone: ToastTone, message: string): void;
  dismiss(id: number): void;
}

export type ToastStore = StoreApi<ToastState>;

/** At most this many at once (issue 21: a stack of four hid the page): older ones make room. */
const MAX_TOASTS = 2;

export function createToastStore(): ToastStore {
  let nextId = 1;
  return createStore<ToastState>()((set) => ({
    toasts: [],
    show(tone, message) {
      const toast = { id: nextId++, tone, message };
      set((state) => ({ toasts: [...state.toasts, toast].slice(-MAX_TOASTS) }));
    },
    dismiss(id) {
      set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
    },
  }));
}
