import { Agent, createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One host in front of several Zenoti center simulators, as api.zenoti.com is
 * one host for every center of an organisation: a request goes to the center
 * named by its `center_id` (query, or JSON body for a registration). The core
 * then sees one origin with one API key, which is what makes its connections
 * share one rate budget; the simulators share theirs through ZenotiKeyBudget.
 */
export interface ZenotiGateway {
  url: string;
  stop(): Promise<void>;
}

export async function startZenotiGateway(centers: Map<string, string>): Promise<ZenotiGateway> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const upstreams = new Map([...centers].map(([id, url]) => [id.toLowerCase(), new URL(url)]));
  const fallback = [...upstreams.values()][0];
  const server: Server = createServer((incoming, response) => void relay(incoming, response));

  async function relay(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(incoming.url ?? '/', 'http://gateway');
    const center = url.searchParams.get('center_id') ?? centerInBody(body);
    // Sign-in, undo and cancel name no center: the first center answers them (the bench never sends them).
    const upstream = (center && upstreams.get(center.toLowerCase())) || fallback;
    if (!upstream) {
      response.writeHead(502).end();
      return;
    }
    const outgoing = forward(
      {
        agent,
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    outgoing.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    outgoing.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function centerInBody(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { center_id?: unknown };
    return typeof parsed.center_id === 'string' ? parsed.center_id : undefined;
  } catch {
    return undefined;
  }
}
