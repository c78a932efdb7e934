import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutageKitFile } from '../../src-shared/contract';
import { openCore, type Core } from '../../src-main/core/core';
import { outageKitFolder } from '../../src-main/core/outage-kit/kit-folder';
import { accessKeyHeader } from '../../src-main/web/access-key';
import { startWebServer, type WebServer } from '../../src-main/web/web-server';
import { value } from '../support/command-answer';
import { pdfText } from '../support/poppler';
import { ScriptedStudio } from '../support/scripted-studio';
import { testCredentials } from '../support/test-credentials';

let core: Core;
let server: WebServer;
let origin: string;
let token: string;
let dataDir: string;
let kit: OutageKitFile;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'classdesk-paper-web-'));
  const morning = new Date('2026-11-23T09:00:00.000Z');
  core = await openCore({ dataDir, credentials: testCredentials(dataDir), fallbackProviders: [new ScriptedStudio(morning)], clock: () => morning, syncIntervalMs: 0, log: () => {} });
  await writeFile(join(dataDir, 'secret.txt'), 'not for the browser');
  server = await startWebServer(core, join(dataDir, 'no-renderer'), 0, undefined, { outageKitFolder: outageKitFolder(dataDir), log: () => {} });
  const url = new URL(server.url);
  origin = url.origin;
  token = url.searchParams.get('token') ?? '';
  [kit] = value<{ kits: OutageKitFile[] }>(await core.handle('writeOutageKit', {})).kits as [OutageKitFile];
});

afterAll(async () => {
  await server.close();
  await core.close();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = { [accessKeyHeader]: token }) => fetch(`${origin}${path}`, { headers });

describe('the outage kit over browser mode', () => {
  it('serves a kit file to a page with the key, as a PDF nobody caches', async () => {
    const response = await get(`/outage-kit/${kit.file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const copy = join(dataDir, 'served.pdf');
    await writeFile(copy, body);
    expect(await pdfText(copy)).toContain('Main');
  });

  it('refuses without the key, with a wrong one, or with the key in the address instead of the header', async () => {
    expect((await get(`/outage-kit/${kit.file}`, {})).status).toBe(401);
    expect((await get(`/outage-kit/${kit.file}`, { [accessKeyHeader]: 'x'.repeat(token.length) })).status).toBe(401);
    expect((await get(`/outage-kit/${kit.file}?token=${token}`, {})).status).toBe(401);
  });

  it('serves nothing but kit files from the kit folder', async () => {
    for (const path of ['/outage-kit/../secret.txt', '/outage-kit/%2e%2e/secret.txt', '/outage-kit/secret.txt', '/outage-kit/2026-11-23/../../secret.txt', '/outage-kit/2026-11-23/nobody.pdf']) {
      const response = await get(path);
      expect(response.status, path).not.toBe(200);
      expect(await response.text()).not.toContain('not for the browser');
    }
  });
});
