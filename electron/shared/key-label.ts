/**
 * How long a key's label may be, and the sentence that says so as it is typed (issue 21: a label
 * over 64 characters was cut by the input without a word). The core's schema and the forms share
 * the number; the length is counted after the same tidying the core does (trimmed, runs of spaces as one).
 */
export const KEY_LABEL_MAX = 64;

/** The label as the core will store it. */
export function tidyKeyLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ');
}

/** Null when the length is fine; otherwise what is wrong, with the count, before the form is sent. */
export function keyLabelLengthProblem(label: string): string | null {
  // Counted in characters as the core's schema counts them (code points: an emoji is one, not two).
  const length = [...tidyKeyLabel(label)].length;
  if (length <= KEY_LABEL_MAX) return null;
  return `A label can have at most ${KEY_LABEL_MAX} characters; this one has ${length}. Shorten it by ${length - KEY_LABEL_MAX}.`;
}
