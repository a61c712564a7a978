import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a database, for fault tests: `freeze()` keeps every connection open but stops
 * passing bytes (a link gone silent), `cut()` closes them all and refuses new ones, `heal()` restores.
 */
export class TcpProxy {
  private server!: Server;
  private mode: 'pass' | 'frozen' | 'cut' = 'pass';
  private readonly pairs = new Set<[Socket, Socket]>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.mode === 'cut') return client.destroy();
      const upstream = connect(this.targetPort, this.targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const forward = (from: Socket, to: Socket) =>
        from.on('data', (d) => {
          if (this.mode === 'pass') to.write(d);
        });
      forward(client, upstream);
      forward(upstream, client);
      const close = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  freeze(): void {
    this.mode = 'frozen';
  }

  cut(): void {
    this.mode = 'cut';
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  heal(): void {
    // Bytes swallowed while frozen broke those sessions' protocol: they are closed, the pool opens new ones.
    if (this.mode === 'frozen') this.cut();
    this.mode = 'pass';
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }
}
