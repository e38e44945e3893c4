/**
 * Offline fake AI providers for tests (issue 17; DESIGN.md "Testing"): loopback only, random port,
 * each provider's real check path, auth header, models list and error bodies, injectable faults.
 */
export { startFakeAiProvider } from './server';
export { makeFakeAiKey } from './keys';
export type { FakeAiKeySpec, FakeAiKeyState, FakeAiProvider, FakeAiProviderOptions, FakeAiSituation, RecordedAiRequest } from './types';
