/**
 * `keywarden run` conceals released values in a program's output by searching for them, which
 * works only for values long enough not to occur by chance. So the core releases no secret field
 * shorter than this, and the CLI conceals every released value at least this long (an identifying
 * field such as a short user ID may be released; it is not a secret).
 *
 * This file is the shared pure tier: it imports nothing outside electron/shared.
 */
export const MIN_CONCEALED_LENGTH = 8;
