/**
 * The one error family, for transports: a transport refuses its own bad arguments with a
 * KeywardenError and turns anything thrown into the secret-free form it prints or sends.
 */
export { KeywardenError, isKeywardenError, toSerializedError, type ErrorCode, type SerializedError } from '../core/errors';
