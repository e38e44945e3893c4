/**
 * What the runtime tells its host instead of throwing from an event handler: the desktop app logs
 * it, `keywarden serve` prints it. `message` is a plain sentence with no secret in it.
 */
export type RuntimeReport =
  | { readonly kind: 'orders-reconciled'; readonly checked: number; readonly updated: number; readonly placed: number; readonly message: string }
  | { readonly kind: 'reconcile-failed'; readonly message: string }
  | { readonly kind: 'listener-failed'; readonly message: string }
  | { readonly kind: 'gateway-failed'; readonly message: string };
