export interface MysqlUrlParts {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
  /** A Unix socket to connect through instead of TCP (a server on the same machine). */
  socketPath?: string;
}

/**
 * Splits mysql://user:pass@host:3306/db into its parts. `?socket=/run/mysqld/mysqld.sock` connects
 * through the server's Unix socket instead (same machine: cheaper than TCP over loopback).
 */
export function parseMysqlUrl(url: string): MysqlUrlParts {
  const u = new URL(url);
  const unknown = [...u.searchParams.keys()].filter((k) => k !== 'socket');
  if (unknown.length)
    throw new Error(
      `unknown option ${unknown.map((k) => `"${k}"`).join(', ')} in the MySQL URL (only "socket" is understood)`,
    );
  const socket = u.searchParams.get('socket');
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 3306),
    username: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'jetway',
    ...(socket ? { socketPath: socket } : {}),
  };
}

/** What is wrong with a mysql:// URL, in words (after the variable's name), or null when it is usable. */
export function mysqlUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'must be a URL like mysql://user:pass@host:3306/db';
  }
  const unknown = [...u.searchParams.keys()].filter((k) => k !== 'socket');
  if (unknown.length)
    return (
      `has an unknown option ` +
      `${unknown.map((k) => `"${k}"`).join(', ')} (a MySQL URL takes only ?socket=/path/to/mysqld.sock)`
    );
  return null;
}
