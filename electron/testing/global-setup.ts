// Builds the CLI bundle so CLI tests exercise exactly what `npx keywarden` runs.
// @ts-expect-error -- plain ESM build script without type declarations
import { buildCli } from '../scripts/build-cli.js';

export default async function setup(): Promise<void> {
  await (buildCli as () => Promise<void>)();
}
