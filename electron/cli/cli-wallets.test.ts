/**
 * Issue 18 through the bundled CLI: a bot wallet added from a pasted JSON body, shown by its
 * address, verified and its balances read from a fake RPC node, its key exported only with the
 * vault passphrase (and to a terminal only with --reveal); a Polymarket account connected with its
 * key alone, a market looked up, an order placed by slug and outcome, its positions listed. No key
 * in anything printed (but the export) or in any file of the data folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keywardenCli } from '../testing/cli-runner';
import { startFakeEvmRpc, type FakeRpcServer } from '../testing/fake-chain';
import { startFakeClob, type FakeClob } from '../testing/fake-clob';
import { hardhat0, hardhat1, markets, plainMarket } from '../testing/fake-clob/fixtures';
import { TEST_PASSPHRASE, filesContaining, makeTempHome, migrationsFolder } from '../testing/test-core';
import { buildProgram } from './main';

const USDC = '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359';

describe('keywarden with wallets and Polymarket', () => {
  const temp = makeTempHome('kw-cli-wallets-');
  const printed: string[] = [];
  let node: FakeRpcServer;
  let clob: FakeClob;
  let env: Record<string, string>;
  const run = (args: string[], stdin?: string) => keywardenCli(temp.home, args, { env, ...(stdin === undefined ? {} : { stdin }) }, printed);

  beforeAll(async () => {
    node = await startFakeEvmRpc({ chainId: 137, balances: { [hardhat1.address]: 2_500_000_000_000_000_000n }, tokens: { [USDC]: { symbol: 'USDC', decimals: 6, balances: { [hardhat1.address]: 42_000_000n } } } });
    clob = await startFakeClob({ markets, accounts: [{ address: hardhat0.address, pusd: '100' }] });
    env = { KEYWARDEN_SERVICE_URLS: JSON.stringify({ polymarket: clob.url }) };
    expect((await run(['init'])).code).toBe(0);
  });
  afterAll(async () => {
    // The export prints the key on purpose; every other line never does.
    const everything = printed.filter((text) => !text.includes('Private key:')).join('\n');
    for (const key of [hardhat0.key, hardhat1.key]) {
      expect(everything).not.toContain(key.slice(2));
      expect(filesContaining(temp.home, key.slice(2))).toEqual([]);
    }
    await Promise.all([node.stop(), clob.stop()]);
    temp.cleanup();
  });

  it('adds a bot wallet by its key, shows its address, verifies it and reads its balances', async () => {
    const junk = await run(['add', 'evm-wallet', '--label', 'Junk'], JSON.stringify({ privateKey: 'hello-world-not-a-key' }));
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain('[MALFORMED_FIELD]');
    const added = await run(['add', 'evm-wallet', '--label', 'Bot'], JSON.stringify({ privateKey: hardhat1.key, chainId: '137', rpcUrl: node.url, tokenContracts: USDC }));
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('for EVM wallet, address 0x70…79C8');
    const list = await run(['list', '--json']);
    expect(list.stdout).toContain('"preview": "0x70…79C8"');
    // Before and after its check, the wallet's state reads as the window says it (docs/glossary.md).
    expect((await run(['list'])).stdout).toMatch(/Bot(?: \*)?\s+evm-wallet\s+\S+\s+Not checked yet\s+0x70…79C8/);
    const verified = await run(['verify', 'Bot']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('2.5 POL, 42 USDC');
    expect((await run(['list'])).stdout).toMatch(/Bot(?: \*)?\s+evm-wallet\s+\S+\s+Working\s+0x70…79C8/);
    expect((await run(['show', 'Bot'])).stdout).toMatch(/Status\s+Working/);
    const moved = await run(['wallet-settings', 'Bot'], JSON.stringify({ tokenContracts: '' }));
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain('Changed the settings of "Bot": tokenContracts');
    const back = await run(['wallet-settings', 'Bot'], JSON.stringify({ tokenContracts: USDC }));
    expect(back.code, back.stderr).toBe(0);
    const balances = await run(['balances', 'Bot']);
    expect(balances.stdout).toContain(hardhat1.address);
    expect(balances.stdout).toContain('42 USDC');
  });

  it('exports the key with the vault passphrase, and refuses to print it on a terminal without --reveal', async () => {
    const exported = await run(['export-key', 'Bot']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`Private key: ${hardhat1.key}`);
    expect(exported.stdout).toContain('hardware wallet');
    // On a terminal, the same command refuses before it asks anything, unless --reveal is given.
    const said: string[] = [];
    const program = buildProgram({ home: temp.home, migrationsFolder, env: { ...env, KEYWARDEN_PASSPHRASE: TEST_PASSPHRASE }, stdout: (text) => said.push(text), stderr: (text) => said.push(text), stdoutIsTerminal: () => true, setExitCode: () => undefined });
    await program.parseAsync(['node', 'keywarden', 'export-key', 'Bot']);
    expect(said.join('\n')).toContain('Run again with --reveal when nobody can see it');
    expect(said.join('\n')).not.toContain(hardhat1.key.slice(2));
    const exchange = await run(['add', 'binance', '--label', 'Binance'], JSON.stringify({ apiKey: 'k'.repeat(64), secret: 's'.repeat(64) }));
    expect(exchange.code).toBe(0);
    const refused = await run(['export-key', 'Binance']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot be taken out of Keywarden');
  });

  it('connects a Polymarket account with its key alone, looks up a market, trades by slug and outcome, lists positions', async () => {
    const added = await run(['add', 'polymarket', '--label', 'Poly'], JSON.stringify({ privateKey: hardhat0.key }));
    expect(added.code, added.stderr).toBe(0);
    const verified = await run(['verify', 'Poly']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('pUSD balance: 100');
    expect((await run(['list'])).stdout).toMatch(/Poly(?: \*)?\s+polymarket\s+\S+\s+Working\s/);
    const market = await run(['polymarket-market', plainMarket.slug]);
    expect(market.stdout).toContain(plainMarket.question);
    expect(market.stdout).toMatch(/Yes\s+0\.45\s+0\.5\s+\d{70,}/);
    const bought = await run(['trade', 'Poly', plainMarket.slug, 'buy', '6', '--quote', '--outcome', 'Yes']);
    expect(bought.code, bought.stderr).toBe(0);
    expect(bought.stdout).toContain(`BUY 6 pUSD of ${plainMarket.slug} · Yes market on "Poly": FILLED`);
    const positions = await run(['positions', 'Poly']);
    expect(positions.stdout).toContain('94 pUSD free');
    expect(positions.stdout).toMatch(/Yes\s+12/);
    const noOutcome = await run(['trade', 'Binance', 'BTC/USDT', 'buy', '1', '--outcome', 'Yes']);
    expect(noOutcome.code).not.toBe(0);
  });
});
