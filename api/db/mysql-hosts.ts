import { connect, type Socket } from 'node:net';
import type { MysqlHost } from './mysql-url';

/**
 * Failover between the hosts of a DATABASE_URL (mysql://…@node1,node2,node3/db), as a socket factory for
 * mysql2 (its `stream` option). New connections go to the current host; when a connection to it cannot
 * be opened (refused, reset or timed out before the server answered) or the server says it is not
 * usable (a Galera node out of the primary component, see markDown), the next host in the list becomes
 * current, so the pool's next connection goes there. Connections already open to a host that dies fail
 * on their own and leave the pool. The list is walked round: a recovered host is used again when its
 * turn comes back.
 */
export class MysqlHosts {
  private current = 0;

  constructor(readonly hosts: MysqlHost[]) {
    if (hosts.length === 0) throw new Error('no MySQL host');
  }

  get active(): MysqlHost {
    return this.hosts[this.current]!;
  }

  /** mysql2's `stream` option: a socket to the current host. */
  readonly stream = (): Socket => {
    const index = this.current;
    const { host, port } = this.hosts[index]!;
    const socket = connect(port, host);
    socket.setNoDelay(true);
    let answered = false;
    socket.once('data', () => (answered = true));
    socket.once('connect', () => socket.setKeepAlive(true, 10_000));
    // Closed before the server's greeting: refused, unreachable, or the connect timeout destroyed it.
    socket.once('close', () => {
      if (!answered) this.advance(index);
    });
    return socket;
  };

  /** Makes the first host (from the current one on) that accepts a TCP connection current; false if none does. */
  async pickReachable(timeoutMs: number): Promise<boolean> {
    for (let k = 0; k < this.hosts.length; k++) {
      const index = (this.current + k) % this.hosts.length;
      if (await reachable(this.hosts[index]!, timeoutMs)) {
        this.current = index;
        return true;
      }
    }
    return false;
  }

  /** The current host answered that it cannot serve (e.g. a Galera node without quorum): move on. */
  markDown(host: MysqlHost = this.active): void {
    const index = this.hosts.indexOf(host);
    if (index >= 0) this.advance(index);
  }

  private advance(from: number): void {
    // Only the first failure of a host moves the pointer (many connections fail at once).
    if (this.current === from) this.current = (from + 1) % this.hosts.length;
  }
}

function reachable({ host, port }: MysqlHost, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
