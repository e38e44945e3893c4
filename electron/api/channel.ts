/** One contract channel: input schema, output schema, one-line summary. Shared by the domain contract files. */
import { z } from 'zod';

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly summary: string;
  /**
   * Calls from the app's window (actor 'ui': code in the renderer) are held to this narrower input,
   * for what only the main process may decide (a file path); anything else is refused with `refusal`.
   */
  readonly fromWindow?: { readonly input: z.ZodType<z.output<I>>; readonly refusal: string };
}

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

/** For channels that take nothing: an empty object, with unknown fields refused. */
export const NoInput = z.strictObject({});
