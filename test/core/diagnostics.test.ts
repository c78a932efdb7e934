import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { unencryptedDevelopmentCipher } from '../../src-main/core/credentials/credential-store';
import { openDeskCore } from '../../src-main/core/open-desk-core';
import { value } from '../support/command-answer';

const apiKey = 'zk-live-4f1c9a7e1b2d';
const accessToken = 'browser-mode-token-0123456789abcdefghij';
const opened: Core[] = [];

async function open(dataDir: string): Promise<Core> {
  const core = await openDeskCore({
    dataDir,
    clock: () => new Date(),
    cipher: unencryptedDevelopmentCipher,
    credentialsFile: 'credentials.dev.json',
    secrets: [accessToken],
    echo: () => {},
  });
  opened.push(core);
  return core;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

describe('getDiagnostics', () => {
  it('tells versions, settings, health, pending actions and log lines, and never a stored key or the access token', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-diagnostics-'));
    const first = await open(dataDir);
    // The label carries the key on purpose: a key pasted in the wrong field must still stay out.
    // Nothing listens on port 9 of this PC, so the sync fails at once and says so in the health and the log.
    const settings = { id: 'zenoti-main', provider: 'zenoti', label: `Zenoti ${apiKey}`, scopeId: 'center-1', timeZone: 'UTC', baseUrl: 'http://127.0.0.1:9' };
    value(await first.handle('saveConnection', { settings, apiKey }));
    await first.handle('syncNow', {});
    opened.splice(opened.indexOf(first), 1);
    await first.close();

    // A restart: the key is known to the redactor only because the core read it from the store.
    const core = await open(dataDir);
    await core.handle('syncNow', {});
    const { text } = value<{ text: string }>(await core.handle('getDiagnostics', {}));

    expect(text).toContain('App version: 0.1.0');
    expect(text).toContain(`Node: ${process.versions.node}`);
    expect(text).toMatch(/OS: .+/);
    expect(text).toMatch(/Data directory size: [\d.]+ (B|KiB|MiB)/);
    expect(text).toContain('Pending desk actions: 0');
    expect(text).toContain('- zenoti-main: provider zenoti, label "Zenoti [redacted]", scope center-1, zone UTC');
    expect(text).toContain('API key stored');
    expect(text).toMatch(/health failing/);
    // The failure as code and parameters, for support (never an object's default text).
    expect(text).toMatch(/last error: provider_unreachable \{"provider":"Zenoti"\}/);
    expect(text).not.toContain('[object Object]');
    expect(text).toContain('Last log lines:');
    expect(text.split('Last log lines:')[1]?.trim().length).toBeGreaterThan(0);
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain(accessToken);

    const written = await readFile(join(dataDir, 'logs', 'classdesk.log'), 'utf8');
    expect(written.length).toBeGreaterThan(0);
    expect(written).not.toContain(apiKey);
  });

  it('is refused with input it does not take', async () => {
    const core = await open(await mkdtemp(join(tmpdir(), 'classdesk-diagnostics-')));
    const answer = await core.handle('getDiagnostics', { verbose: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
