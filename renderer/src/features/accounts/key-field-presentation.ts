/** How each key field is shown in the forms. Its label is the shared one (electron/shared/credential-field-labels.ts). */
import type { CredentialFieldName } from '../../api/contract-types';

/** Fields that identify rather than authenticate: shown as typed, not masked. */
export const revealedFields: ReadonlySet<CredentialFieldName> = new Set(['uid', 'accountId', 'login', 'walletAddress']);

/** Fields that may hold a private key file (PEM), which needs a multi-line box. */
export const keyFileFields: ReadonlySet<CredentialFieldName> = new Set(['secret', 'privateKey']);
