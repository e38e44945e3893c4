/**
 * The lint zones of eslint.config.js, run through ESLint itself on one import at a time: for each
 * zone, an import it must not make fails `boundaries/dependencies` and one it may make passes. The
 * imported modules exist, so a pass means "allowed", not "could not resolve".
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../testing/test-core';

interface ImportCase {
  /** The file doing the import, relative to the repo (it need not exist). */
  readonly from: string;
  /** The whole import statement. */
  readonly code: string;
}

const forbidden: readonly ImportCase[] = [
  { from: 'electron/shared/x.ts', code: "import { toSerializedError } from '../core/errors';" },
  { from: 'electron/core/x.ts', code: "import { invokeChannel } from '../api/handlers';" },
  { from: 'electron/core/x.ts', code: "import { buildProgram } from '../cli/main';" },
  { from: 'electron/api/x.ts', code: "import { startKeywarden } from '../main/start-keywarden';" },
  { from: 'electron/main/x.ts', code: "import { createCore } from '../core/app';" },
  { from: 'electron/main/x.ts', code: "import { buildProgram } from '../cli/main';" },
  { from: 'electron/main/x.ts', code: "import { createKeywardenApi } from '../preload/keywarden-bridge';" },
  { from: 'electron/preload/x.ts', code: "import { createCore } from '../core/app';" },
  { from: 'electron/cli/x.ts', code: "import { createCore } from '../core/app';" },
  { from: 'electron/cli/x.ts', code: "import { startKeywarden } from '../main/start-keywarden';" },
  { from: 'renderer/src/x.ts', code: "import { contract } from '../../electron/api/contract';" },
  { from: 'renderer/src/x.ts', code: "import { createCore } from '../../electron/core/app';" },
  { from: 'renderer/src/x.ts', code: "import { createTestCore } from '../../electron/testing/test-core';" },
  // Test helpers are for tests: production code of any zone may not import them.
  { from: 'electron/core/x.ts', code: "import { createTestCore } from '../testing/test-core';" },
  { from: 'electron/main/x.ts', code: "import { FakeBrowserWindow } from './testing/fake-electron';" },
  { from: 'electron/core/x.ts', code: "import { sendRaw } from '../testing/webhook-test-kit';" },
  // Nor a test file, even one of its own zone.
  { from: 'electron/core/vault/x.ts', code: "import { anything } from './keychain-backend.test';" },
];

const allowed: readonly ImportCase[] = [
  { from: 'electron/shared/x.ts', code: "import { readDecimal } from './decimal-input';" },
  { from: 'electron/core/x.ts', code: "import { readDecimal } from '../shared/decimal-input';" },
  { from: 'electron/api/x.ts', code: "import { createCore } from '../core/app';" },
  { from: 'electron/main/x.ts', code: "import { createCore } from '../api/core-host';" },
  { from: 'electron/main/x.ts', code: "import { ipcChannelFor } from '../preload/ipc-wire';" },
  { from: 'electron/preload/x.ts', code: "import { channelNames } from '../api/contract';" },
  { from: 'electron/cli/x.ts', code: "import { invokeChannel } from '../api/handlers';" },
  { from: 'electron/cli/x.ts', code: "import { fieldLabels } from '../shared/credential-field-labels';" },
  { from: 'renderer/src/x.ts', code: "import type { ChannelName } from '../../electron/api/contract';" },
  { from: 'renderer/src/x.ts', code: "import { readDecimal } from '../../electron/shared/decimal-input';" },
  // Tests, test helpers and dev tooling may import anything.
  { from: 'electron/core/x.test.ts', code: "import { createTestCore } from '../testing/test-core';" },
  { from: 'electron/main/x.test.ts', code: "import { createCore } from '../core/app';" },
  { from: 'electron/testing/x.ts', code: "import { startKeywarden } from '../main/start-keywarden';" },
  { from: 'e2e/x.e2e.test.ts', code: "import { createTestCore } from '../electron/testing/test-core';" },
  { from: 'electron/bench/x.ts', code: "import { createCore } from '../core/app';" },
];

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function zoneErrors({ from, code }: ImportCase): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(repoRoot, from) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'boundaries/dependencies').map((message) => message.message);
}

/** The module an import names, resolved the way the lint resolver does (.ts, .tsx). */
function importedModuleExists({ from, code }: ImportCase): boolean {
  const source = /from '([^']+)'/.exec(code)?.[1] ?? '';
  const base = path.resolve(repoRoot, path.dirname(from), source);
  return ['.ts', '.tsx'].some((extension) => existsSync(base + extension));
}

describe('lint zones', () => {
  it.each(forbidden)('$from may not: $code', async (importCase) => {
    expect(importedModuleExists(importCase)).toBe(true);
    expect(await zoneErrors(importCase)).toHaveLength(1);
  });

  it.each(allowed)('$from may: $code', async (importCase) => {
    expect(importedModuleExists(importCase)).toBe(true);
    expect(await zoneErrors(importCase)).toEqual([]);
  });
});
