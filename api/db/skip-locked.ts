/**
 * Whether a server version understands `SELECT … FOR UPDATE SKIP LOCKED`: MySQL 8.0.1+ and MariaDB 10.6+.
 * TiDB and older servers do not; there claims fall back to one conditional UPDATE per row.
 */
export function skipLockedSupported(version: string): boolean {
  if (/tidb/i.test(version)) return false;
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (/mariadb/i.test(version)) return major > 10 || (major === 10 && minor >= 6);
  return major > 8 || (major === 8 && (minor > 0 || patch >= 1));
}
