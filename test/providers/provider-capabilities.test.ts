import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CapabilityFlag, type ConnectionSettings, ProviderKind } from '../../src-shared/connections';
import { createProvider } from '../../src-main/core/connections/provider-registry';
import { openDemoStudio } from '../../src-main/core/providers/demo/demo-studio';
import type { Provider } from '../../src-main/core/providers/provider';
import { ProviderError } from '../../src-main/core/provider-error';

/**
 * The UI offers what the capability flags say, and the core calls the matching method: a flag
 * without its method (or a method without its flag) is a button that fails or a feature never
 * shown. Every adapter that books must also find a booking, so the core can ask before it sends
 * a booking again after a crash.
 */

/** Nothing listens here: any call that reached the network would fail with a network error. */
const NOWHERE = 'http://127.0.0.1:1';
const NOW = new Date('2026-11-23T10:00:00.000Z');

/** Plausible settings for every kind; a new kind fails to compile until it has its own. */
const settingsFor: Record<ProviderKind, Omit<ConnectionSettings, 'id' | 'provider' | 'label'>> = {
  magicline: { tenant: 'studio-berlin', baseUrl: `${NOWHERE}/v1` },
  perfectgym: { tenant: 'studio-warsaw', baseUrl: `${NOWHERE}/v1` },
  zenoti: { baseUrl: NOWHERE, scopeId: 'c7a1e1a0-1111-4222-8333-944455556666', timeZone: 'America/New_York' },
  whautomate: { baseUrl: NOWHERE, scopeId: 'loc-london' },
  wellhub: { baseUrl: NOWHERE, scopeId: '4711', timeZone: 'Europe/Berlin' },
};

/** Each flag and the methods it promises. */
const methodsOf: Record<Exclude<CapabilityFlag, 'listSessions' | 'roster' | 'waitlist'>, (keyof Provider)[]> = {
  checkIn: ['checkIn'],
  undoCheckIn: ['undoCheckIn'],
  book: ['book'],
  cancelBooking: ['cancelBooking'],
  promoteFromWaitlist: ['promoteFromWaitlist'],
  confirmBookingRequests: ['confirmBookingRequest', 'rejectBookingRequest'],
  validateVisit: ['validateVisit'],
  markNoShow: ['markNoShow'],
  validateBooking: ['validateBooking'],
  memberByBarcode: ['findMemberByBarcode'],
  memberSearch: ['searchMembers'],
};

const dataDirs: string[] = [];

afterAll(async () => {
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function registered(kind: ProviderKind): Provider {
  const settings: ConnectionSettings = { id: `${kind}-desk`, provider: kind, label: `${kind} at the desk`, ...settingsFor[kind] };
  return createProvider(kind, { settings, apiKey: 'not-a-real-key', clock: () => NOW, http: { timeoutMs: 200, retry: { limit: 0 } } });
}

async function demoStudio(): Promise<Provider> {
  const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-capabilities-'));
  dataDirs.push(dataDir);
  return openDemoStudio({ dataDir, clock: () => NOW });
}

const everyProvider: [string, () => Provider | Promise<Provider>][] = [
  ...ProviderKind.options.map((kind): [string, () => Provider] => [kind, () => registered(kind)]),
  ['demo studio', demoStudio],
];

/** A flag is promised by its methods; `method: flag` lines make a mismatch readable in the failure. */
function promises(provider: Provider): { flags: Record<string, boolean>; methods: Record<string, boolean> } {
  const flags: Record<string, boolean> = {};
  const methods: Record<string, boolean> = {};
  for (const [flag, names] of Object.entries(methodsOf)) {
    flags[flag] = provider.capabilities[flag as keyof typeof methodsOf];
    for (const name of names) methods[name] = typeof provider[name] === 'function';
  }
  return { flags, methods };
}

describe.each(everyProvider)('%s', (_name, make) => {
  it('has a method for every capability it claims, and none it does not', async () => {
    const provider = await make();
    expect(provider.settingsProblem).toBeUndefined();
    const { flags, methods } = promises(provider);
    const expected: Record<string, boolean> = {};
    for (const [flag, names] of Object.entries(methodsOf)) for (const name of names) expected[name] = flags[flag] ?? false;
    expect(methods).toEqual(expected);
  });

  it('can find a booking wherever it can book', async () => {
    const provider = await make();
    if (provider.capabilities.book) expect(typeof provider.findBooking).toBe('function');
    else expect(provider.book).toBeUndefined();
  });

  it('refuses a window that runs backwards before asking anyone', async () => {
    const provider = await make();
    const refusal = await provider.fetchWindow({ from: '2026-11-24T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ProviderError);
    expect(refusal).toMatchObject({ code: 'invalid_input', retryable: false });
  });
});

it('covers every kind the registry builds', () => {
  expect(new Set(everyProvider.map(([name]) => name))).toEqual(new Set([...ProviderKind.options, 'demo studio']));
});
