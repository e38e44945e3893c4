/**
 * One handler per contract channel, each a thin call into the core, and `invokeChannel`: the single
 * entry point every transport uses (Electron IPC, the e2e bridge, the CLI). It validates the input
 * from `unknown`, runs the handler, checks the output against the channel's schema (which also drops
 * any field the schema does not name), turns every failure into a typed, secret-free error, and
 * answers once what the call wrote is on disk.
 */
import { aiProviderInfos } from '../core/ai-providers/ai-provider-info';
import type { z } from 'zod';
import type { Core } from '../core/app';
import { KeywardenError, toSerializedError } from '../core/errors';
import { getExchangeInfo, listExchanges } from '../core/exchanges/exchange-catalog';
import { contract, type ChannelName, type ContractResult, type ParsedChannelInput } from './contract';
import { people, type Caller, type ChannelSpec } from './channel';
import type { CallContext, Handler, HandlerMap } from './handler-types';
import { tradingHandlers } from './trading-handlers';
import { backupHandlers } from './backup-handlers';
import { webhookHandlers } from './webhook-handlers';
import { tunnelHandlers } from './tunnel-handlers';
import { webhookSetupHandlers } from './webhook-setup-handlers';
import { driftHandlers } from './drift-handlers';
import { integrityHandlers } from './integrity-handlers';
import { releaseHandlers } from './release-handlers';
import { gatewayHandlers } from './ai-gateway-handlers';
import { walletHandlers } from './wallet-handlers';
import { auditHandlers } from './audit-handlers';
import { connectionHandlers } from './connection-handlers';
import { futuresHandlers } from './futures-handlers';

export type { CallContext } from './handler-types';
type HandlerTable = HandlerMap<ChannelName>;

export const handlers: HandlerTable = {
  'vault.status': (core) => core.vault.status(),
  'vault.init': async (core, input, { actor }) => {
    await core.vault.init({ passphrase: input.passphrase, useOsKeychain: input.useOsKeychain }, actor);
    return core.vault.status();
  },
  'vault.unlock': async (core, input, { actor }) => {
    await core.vault.unlock(input, actor);
    return core.vault.status();
  },
  'vault.lock': (core, _input, { actor }) => {
    core.vault.lock('user', actor);
    return core.vault.status();
  },
  'vault.changePassphrase': async (core, input, { actor }) => {
    await core.vault.changePassphrase(input, actor);
    return core.vault.status();
  },
  'vault.addOsKeychain': async (core, _input, { actor }) => {
    await core.vault.addOsKeychain(actor);
    return core.vault.status();
  },
  'vault.removeProtector': async (core, input, { actor }) => {
    await core.vault.removeProtector(input, actor);
    return core.vault.status();
  },
  'vault.rotateKey': (core, input, { actor }) => core.vault.rotateKey({ passphrase: input.passphrase }, actor),
  'vault.setAutoLock': (core, input, { actor }) => {
    core.vault.setAutoLockMinutes(input.minutes, actor);
    return core.vault.status();
  },
  'exchanges.list': async () => [...(await listExchanges())],
  'exchanges.get': (_core, input) => getExchangeInfo(input.id),
  'aiProviders.list': () => aiProviderInfos(),
  'usage.report': (core, input) => core.keyUsage.report(input),
  'credentials.list': (core) => core.credentials.list(),
  'credentials.get': (core, input) => core.credentials.get(input.ref),
  'credentials.create': (core, input, { actor }) => core.credentials.create(input, actor),
  'credentials.update': (core, input, { actor }) => core.credentials.update(input, actor),
  'credentials.delete': (core, input, { actor }) => core.keyRetirement.delete(input.ref, input.openOrders, actor),
  'credentials.verify': (core, input, { actor }) => core.verifier.verify(input.ref, actor),
  'credentials.test': (core, input) => core.verifier.testUnsaved(input),
  'credentials.verifyAll': (core, _input, { actor }) => core.verifier.verifyAll(actor),
  'credentials.rotate': (core, input, { actor }) => core.rotation.rotate(input, actor),
  'credentials.checkOldKey': (core, input, { actor }) => core.rotation.checkOldKey(input.ref, actor),
  'credentials.discardOldKey': (core, input, { actor }) => core.rotation.discardOldKey(input.ref, actor),
  'credentials.revoke': (core, input, { actor }) => core.keyRetirement.revoke(input.ref, input.openOrders, actor),
  'credentials.openOrders': (core, input, { actor }) => core.keyRetirement.openOrders(input.ref, actor),
  'credentials.acceptWithdrawRisk': (core, input, { actor }) => core.verificationRecords.acceptRisk(input.ref, actor),
  'credentials.history': (core, input) => ({
    verifications: core.verificationRecords.verificationHistory(input.ref, input.limit),
    keys: core.rotatedKeys.keyHistory(input.ref),
  }),
  'credentials.getSettings': (core) => core.keyCheckSettings.get(),
  'credentials.setSettings': (core, input, { actor }) => core.keyCheckSettings.change(input, actor),
  'audit.list': (core, input) => core.audit.list(input),
  'audit.verify': (core) => core.audit.verify(),
  ...tradingHandlers,
  ...backupHandlers,
  ...webhookHandlers,
  ...tunnelHandlers,
  ...webhookSetupHandlers,
  ...driftHandlers,
  ...integrityHandlers,
  ...releaseHandlers,
  ...gatewayHandlers,
  ...walletHandlers,
  ...auditHandlers,
  ...connectionHandlers,
  ...futuresHandlers,
};

/** Calls one channel. Never throws: every outcome is a ContractResult. */
export async function invokeChannel(core: Core, name: string, rawInput: unknown, context: CallContext): Promise<ContractResult<unknown>> {
  try {
    if (!Object.hasOwn(contract, name)) {
      throw new KeywardenError('INVALID_INPUT', `There is no operation called "${name.slice(0, 64)}".`);
    }
    const channelName = name as ChannelName;
    const spec: ChannelSpec = contract[channelName];
    refuseUnlistedCaller(channelName, spec, context);
    let parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw invalidInput(parsed.error);
    // The window (renderer code) may not decide what only the main process decides, such as a file path.
    if (context.actor === 'ui' && spec.fromWindow) {
      parsed = spec.fromWindow.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw new KeywardenError('REFUSED_FROM_WINDOW', spec.fromWindow.refusal);
    }
    applyAccessAndActivity(core, spec, context);
    const handler = handlers[channelName] as Handler<ChannelName>;
    const value = await handler(core, parsed.data as ParsedChannelInput<ChannelName>, context);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      // A handler returned something its schema does not allow: a bug, and possibly a leak. Refuse.
      throw new Error(`output of ${channelName} does not match its schema`);
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    return { ok: false, error: toSerializedError(error) };
  } finally {
    // What the caller is told happened is on disk first: a commit alone survives a crash, not a
    // power cut. A failed sync is retried in the background; the commit itself stands.
    await core.flushed().catch(() => undefined);
  }
}

/*
 * The channel spec's rules, the only place they are applied: who may call, whether the vault must be
 * unlocked, and whether the call counts as a person's activity for the idle auto-lock.
 */
function refuseUnlistedCaller(name: ChannelName, spec: ChannelSpec, { actor }: CallContext): void {
  if (!spec.callers.includes(actor)) {
    throw new KeywardenError('CALLER_REFUSED', spec.callerRefusal ?? `"${name}" cannot be called from ${callerNames[actor]}.`);
  }
}

function applyAccessAndActivity(core: Core, spec: ChannelSpec, { actor }: CallContext): void {
  // isUnlocked() first applies an idle lock that is already due, so a late call cannot revive it.
  const unlocked = core.vault.isUnlocked();
  if (spec.access === 'unlocked' && !unlocked) core.vault.requireKeyring();
  // Only a person's actions keep the vault unlocked: never a read a screen repeats, an alert or a timer.
  if (unlocked && spec.activity === 'user' && people.has(actor)) core.vault.touch();
}

const callerNames: Readonly<Record<Caller, string>> = { ui: 'the window', tray: 'the tray', cli: 'the CLI', system: 'Keywarden itself', webhook: 'a webhook' };

/**
 * Names the first offending field and what is wrong with it. Never includes the value: it may be a
 * secret typed into the wrong box.
 */
function invalidInput(error: z.ZodError): KeywardenError {
  const issue = error.issues[0];
  const where = issue && issue.path.length ? issue.path.map(String).join('.') : 'input';
  let problem = issue?.message ?? 'is not valid';
  if (issue?.code === 'unrecognized_keys') problem = `has unknown field(s) ${issue.keys.map((k) => `"${k.slice(0, 32)}"`).join(', ')}`;
  else if (problem.startsWith('Invalid input') || problem.startsWith('Invalid option')) problem = `is not valid (${problem.replace(/^Invalid (input|option): /, '')})`;
  return new KeywardenError('INVALID_INPUT', `${where} ${problem}.`, { field: where });
}
