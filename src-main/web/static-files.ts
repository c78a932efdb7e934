import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { browserModeContentSecurityPolicy } from '../content-security';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};


/**
 * The request's path, percent-decoded; undefined when it cannot be read (`/%ff`, `/%E0%A4%A`, `//[`).
 * Both URL parsing and decodeURIComponent throw on such input, and a throw in a request handler
 * would take the whole desk down with it.
 */
export function requestPath(rawUrl: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(rawUrl ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    return undefined;
  }
}

/** Serves the built renderer; any path outside its folder is refused, unknown paths get the app. */
export function serveStatic(root: string) {
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = requestPath(request.url);
    if (pathname === undefined || pathname.includes('\0')) {
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request');
      return;
    }
    const wanted = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
    if (!wanted.startsWith(rootWithSep)) {
      response.writeHead(403).end();
      return;
    }
    const file = extname(wanted) === '' ? join(root, 'index.html') : wanted;
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': browserModeContentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': cachePolicyFor(root, file),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  };
}

/**
 * Vite names every file under assets/ by its content's hash, so a name never changes content: the
 * browser may keep it for good, and keeps its compiled code with it, which is most of a cold open's
 * cost (the bundle is compiled again on every open otherwise). The page itself is always asked anew,
 * so a new build's page names new assets at once.
 */
function cachePolicyFor(root: string, file: string): string {
  return file.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
