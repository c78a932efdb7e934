import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
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

  it('leaves pdfkit and the paper font in node_modules, dependencies the installer packs, found from the built main', async () => {
    const files = ['out/main/index.js', 'out/main/web.js', ...(await readdir('out/main/chunks')).map((name) => join('out/main/chunks', name))];
    const main = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
    expect(main).toMatch(/from ["']pdfkit["']/);
    expect(main).toContain('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(['pdfkit', 'dejavu-fonts-ttf']));
    const fromBuiltMain = createRequire(resolve('out/main/chunks/anything.js'));
    for (const face of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) expect(existsSync(fromBuiltMain.resolve(`dejavu-fonts-ttf/ttf/${face}`))).toBe(true);
  });
});
