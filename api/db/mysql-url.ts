export interface MysqlHost {
  host: string;
  port: number;
}

export interface MysqlUrlParts {
  /** The first host (where a single-host client connects). */
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
  /** A Unix socket to connect through instead of TCP (a server on the same machine). */
  socketPath?: string;
  /** The URL's hosts in failover order, when it lists several (mysql://…@node1,node2/db). */
  hosts?: MysqlHost[];
}

/** mysql://user:pass@h1:3306,h2:3306/db → the host list and the same URL with the first host only. */
function splitHosts(url: string): { single: string; hosts: string[] } {
  const m = /^(mysql:\/\/(?:[^@/]*@)?)([^/?#]*)(.*)$/.exec(url);
  if (!m) return { single: url, hosts: [] };
  const hosts = m[2]!.split(',').filter(Boolean);
  return { single: `${m[1]}${hosts[0] ?? ''}${m[3]}`, hosts };
}

/**
 * Splits mysql://user:pass@host:3306/db into its parts. `?socket=/run/mysqld/mysqld.sock` connects
 * through the server's Unix socket instead (same machine: cheaper than TCP over loopback). Several hosts,
 * mysql://user:pass@node1:3306,node2:3306,node3:3306/db, are tried in that order (failover, see MysqlHosts).
 */
export function parseMysqlUrl(url: string): MysqlUrlParts {
  const { single, hosts } = splitHosts(url);
  const u = new URL(single);
  const unknown = [...u.searchParams.keys()].filter((k) => k !== 'socket');
  if (unknown.length)
    throw new Error(
      `unknown option ${unknown.map((k) => `"${k}"`).join(', ')} in the MySQL URL (only "socket" is understood)`,
    );
  const socket = u.searchParams.get('socket');
  const all = hosts.map((h) => {
    const hu = new URL(`mysql://${h}`);
    return { host: hu.hostname || '127.0.0.1', port: Number(hu.port || 3306) };
  });
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 3306),
    username: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'jetway',
    ...(socket ? { socketPath: socket } : {}),
    ...(all.length > 1 ? { hosts: all } : {}),
  };
}

/** What is wrong with a mysql:// URL, in words (after the variable's name), or null when it is usable. */
export function mysqlUrlProblem(url: string): string | null {
  const { single, hosts } = splitHosts(url);
  let u: URL;
  try {
    u = new URL(single);
    for (const h of hosts) new URL(`mysql://${h}`);
  } catch {
    return 'must be a URL like mysql://user:pass@host:3306/db (or host1:3306,host2:3306 for failover)';
  }
  const unknown = [...u.searchParams.keys()].filter((k) => k !== 'socket');
  if (unknown.length)
    return (
      `has an unknown option ` +
      `${unknown.map((k) => `"${k}"`).join(', ')} (a MySQL URL takes only ?socket=/path/to/mysqld.sock)`
    );
  if (hosts.length > 1 && u.searchParams.has('socket')) return 'cannot list several hosts and a ?socket= together';
  return null;
}

/** The URL with its host list replaced by one host (to open a connection to one node). */
export function withHost(url: string, host: MysqlHost): string {
  const { single } = splitHosts(url);
  const u = new URL(single);
  u.hostname = host.host;
  u.port = String(host.port);
  return u.toString();
}
