import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { desktopContentSecurityPolicy } from '../content-security';
import { appHost, appScheme } from './trusted-url';

/**
 * Must run before `app` is ready: our scheme behaves like https (secure context, same-origin rules),
 * and V8 keeps the compiled bundle between opens (codeCache), which a cold open would otherwise repeat.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer as classdesk://desk/… instead of file://, so the page
 * has a real origin, the CSP header applies, and no other file on disk is reachable.
 */
export function serveRendererFrom(rendererDir: string): void {
  const root = rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep;
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== appHost) return plain(403, 'Forbidden');
    const pathname = decodedPath(url.pathname);
    if (pathname === undefined) return plain(400, 'Bad Request');
    const file = normalize(join(rendererDir, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(root)) return plain(403, 'Forbidden');
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      // net.fetch rejects for a missing file; a rejected handler would only show the page a network error.
      return plain(404, 'Not Found');
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', desktopContentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/**
 * `/%ff` or `/%E0%A4%A` make decodeURIComponent throw, which here would reject the
 * handler; and a NUL byte has no business in a file name. Both are bad requests.
 */
function decodedPath(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  return decoded.includes('\0') ? undefined : decoded;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
