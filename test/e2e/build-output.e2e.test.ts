import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

// What electron-vite produced must be loadable where it runs: a sandboxed preload can require() only electron.
describe('the build', () => {
  it('bundles the preload as CommonJS that requires nothing but electron', async () => {
    const preload = await readFile('out/preload/index.cjs', 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*import\s/m);
  });

  it('exposes one named function per contract command, never a generic invoke', async () => {
    const preload = await readFile('out/preload/index.cjs', 'utf8');
    expect(preload).toContain('exposeInMainWorld');
    for (const name of ['checkInByBarcode', 'checkIn', 'undoCheckIn', 'getSnapshot']) expect(preload).toContain(name);
    expect(preload).not.toMatch(/invoke\(\s*channel/);
  });

  it('builds the renderer with the strict CSP in the page', async () => {
    const html = await readFile('out/renderer/index.html', 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });
});
