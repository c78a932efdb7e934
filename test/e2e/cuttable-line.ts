import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP line between the desk and a provider simulator that a test can cut
 * and mend, as the internet drops and comes back: while cut, connections are
 * refused; the open ones are torn down. The desk keeps the line's address.
 */
export class CuttableLine {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly target: URL,
    readonly port: number,
  ) {}

  /** Opens a line to `targetUrl`; `url` is the same address through the line. */
  static async open(targetUrl: string): Promise<CuttableLine> {
    const line = new CuttableLine(new URL(targetUrl), 0);
    const port = await line.listen(0);
    return Object.assign(line, { port }) as CuttableLine;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}${this.target.pathname.replace(/\/$/, '')}`;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async mend(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  private listen(port: number): Promise<number> {
    const server = createServer((inbound) => {
      const outbound = connect(Number(this.target.port), this.target.hostname);
      for (const socket of [inbound, outbound]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      inbound.pipe(outbound).pipe(inbound);
      inbound.on('close', () => outbound.destroy());
      outbound.on('close', () => inbound.destroy());
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }
}
