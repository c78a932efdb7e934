import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { outageKitFilePattern } from '../../src-shared/contract';
import { paperPath } from '../../src-shared/wire';
import { accessKeyHeader, keyMatches } from './access-key';

/**
 * The outage kit's PDFs for browser mode's "Print today's rosters": rosters are member data, so
 * the page's access key must come along, in the header the access check uses (a link cannot send
 * it, another site's page cannot without a CORS preflight this server never grants), and the
 * address must be the printed one. Only kit files by their exact pattern, from the kit folder.
 */
export function servePaper(kitFolder: string) {
  return async (request: IncomingMessage, response: ServerResponse, pathname: string, token: string, allowedOrigin: string): Promise<void> => {
    const given = request.headers[accessKeyHeader];
    if (typeof given !== 'string' || !keyMatches(given, token) || `http://${request.headers.host ?? ''}` !== allowedOrigin) {
      response.writeHead(401, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    const file = pathname.slice(paperPath.length + 1);
    if (!outageKitFilePattern.test(file)) {
      response.writeHead(404, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(join(kitFolder, file));
    } catch {
      response.writeHead(404, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${file.replace('/', '-')}"`,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(body);
  };
}
