import { beforeEach, describe, expect, it } from 'vitest';
import { browserModeContentSecurityPolicy, desktopContentSecurityPolicy } from '../../src-main/content-security';
import { loadShell, rendererFolder, type FakeElectron } from './load-shell';

/** The classdesk:// protocol: the built renderer and nothing else, always with the desktop CSP. */
let electron: FakeElectron;
let serve: (url: string) => Promise<Response>;
beforeEach(async () => {
  electron = await loadShell({ lock: false });
  const { serveRendererFrom } = await import('../../src-main/shell/app-protocol');
  serveRendererFrom(
    rendererFolder({ 'index.html': '<!doctype html><title>Classdesk</title>', 'assets/index.js': 'console.log(1)', 'ü b.js': '1' }),
  );
  const handler = electron.protocol.handlers.get('classdesk')!;
  serve = async (url) => handler(new Request(url));
});

describe('classdesk:// protocol', () => {
  it('serves the page and its assets with the CSP and nosniff headers', async () => {
    for (const url of ['classdesk://desk/', 'classdesk://desk/index.html', 'classdesk://desk/assets/index.js']) {
      const response = await serve(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('Content-Security-Policy')).toBe(desktopContentSecurityPolicy);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    expect(await (await serve('classdesk://desk/')).text()).toContain('<title>Classdesk</title>');
    // Percent-encoding that decodes properly still finds its file.
    expect((await serve('classdesk://desk/%C3%BC%20b.js')).status).toBe(200);
  });

  it('the desktop CSP is browser mode’s without the WebSocket source: IPC needs no connection', () => {
    expect(desktopContentSecurityPolicy).not.toMatch(/ws:|wss:/);
    expect(desktopContentSecurityPolicy).toContain("connect-src 'self';");
    expect(browserModeContentSecurityPolicy.replace(" ws://127.0.0.1:*", '')).toBe(desktopContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(desktopContentSecurityPolicy).toContain(directive);
    }
  });

  it('answers 400 to malformed percent-encoding and NUL bytes, instead of rejecting', async () => {
    for (const url of ['classdesk://desk/%ff', 'classdesk://desk/%E0%A4%A', 'classdesk://desk/%', 'classdesk://desk/a%00.js']) {
      expect((await serve(url)).status, url).toBe(400);
    }
    // Odd but well-formed: just not found.
    expect((await serve('classdesk://desk//[')).status).toBe(404);
  });

  it('refuses other hosts and anything outside the renderer folder', async () => {
    expect((await serve('classdesk://elsewhere/index.html')).status).toBe(403);
    expect((await serve('classdesk://desk/..%2F..%2Fetc%2Fpasswd')).status).toBe(403);
    // The URL parser resolves encoded dot segments itself: this asks for <renderer>/etc/passwd, which is not there.
    expect((await serve('classdesk://desk/%2E%2E/%2E%2E/etc/passwd')).status).toBe(404);
    const read = electron.calls.filter((call) => call[0] === 'net.fetch').map((call) => String(call[1]));
    expect(read.every((url) => url.includes('/classdesk-renderer-'))).toBe(true);
  });

  it('answers 404 for a file that is not there (Electron’s net.fetch rejects for it)', async () => {
    const response = await serve('classdesk://desk/missing.js');
    expect(response.status).toBe(404);
  });
});
