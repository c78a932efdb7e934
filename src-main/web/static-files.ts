import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

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

/** Same policy as the page's meta tag, sent as a header too so nothing can loosen it. */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  };
}
