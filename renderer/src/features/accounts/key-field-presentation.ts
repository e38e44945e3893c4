/** How each key field is shown in the forms. Its label is the shared one (electron/shared/credential-field-labels.ts). */
import type { CredentialFieldName } from '../../api/contract-types';
import { identifyingFields } from '../../../../electron/shared/credential-field-roles';

/**
 * Fields that identify rather than authenticate (the shared rule): shown as typed, not masked. The
 * API key stays masked while typed all the same: on a shared screen it is half of what signs.
 */
export const revealedFields: ReadonlySet<CredentialFieldName> = new Set(identifyingFields.filter((field) => field !== 'apiKey'));

/** Fields that may hold a private key file (PEM), which needs a multi-line box. */
export const keyFileFields: ReadonlySet<CredentialFieldName> = new Set(['secret', 'privateKey']);
