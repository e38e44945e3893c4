/** What every benchmark gets and gives: a bench is one module exporting one function of this type. */

/** One line of `npm run bench` output: the bench name and its numbers. */
export type BenchLine = { readonly bench: string } & Readonly<Record<string, number | string | boolean>>;

export interface BenchContext {
  /** Progress for the person watching (stderr); stdout carries only the JSON lines. */
  log(message: string): void;
  /** A fresh data folder, removed when the run ends. */
  tempHome(prefix: string): string;
  /** The folder of the bundled bench (out/bench), where the child-process entries are. */
  readonly bundleDir: string;
}

export type Bench = (context: BenchContext) => Promise<BenchLine>;
