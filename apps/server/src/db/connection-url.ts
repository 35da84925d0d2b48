/** One database server of a connection string. */
export interface DatabaseHost {
  host: string;
  port: number;
}

export interface ParsedDatabaseUrl {
  /** Every server named, in the order given (libpq's multi-host form `h1:5432,h2:5432`). */
  hosts: DatabaseHost[];
  /** The same connection string naming only `host`, without `target_session_attrs`. */
  forHost: (host: DatabaseHost) => string;
}

/**
 * Splits a Postgres connection string that may name several servers
 * (`postgres://user@10.0.0.1:5432,10.0.0.2:5432/wms?target_session_attrs=read-write`, as libpq
 * and postgres.js write it). The server picks the writable one itself (`PrimaryLocator`), so
 * each connection is made to one host and `target_session_attrs` is dropped: postgres.js,
 * given it with one host, would retry a standby for ever instead of failing.
 *
 * @example
 * parseDatabaseUrl('postgres://u@a:5432,b:5433/wms').hosts
 * // [{ host: 'a', port: 5432 }, { host: 'b', port: 5433 }]
 */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 0) throw new Error('Bad configuration: DATABASE_URL needs postgres://…');
  const scheme = url.slice(0, schemeEnd + 3);
  const rest = url.slice(schemeEnd + 3);
  const authorityEnd = rest.search(/[/?]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  const userInfo = at < 0 ? '' : authority.slice(0, at + 1);
  const hostList = authority.slice(at + 1);
  const hosts = hostList.split(',').map(parseHost);
  const [path = '', query = ''] = splitOnce(tail, '?');
  const params = new URLSearchParams(query);
  params.delete('target_session_attrs');
  const search = params.size > 0 ? `?${params.toString()}` : '';
  return {
    hosts,
    forHost: (h) => `${scheme}${userInfo}${formatHost(h)}${path}${search}`,
  };
}

function parseHost(text: string): DatabaseHost {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2] ?? 5432) };
  const [host, port] = splitOnce(text, ':');
  if (!host) throw new Error(`Bad configuration: DATABASE_URL has an empty host in "${text}"`);
  return { host: decodeURIComponent(host), port: Number(port || 5432) };
}

function formatHost({ host, port }: DatabaseHost): string {
  return `${host.includes(':') ? `[${host}]` : encodeURIComponent(host)}:${port}`;
}

function splitOnce(text: string, separator: string): [string, string] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + separator.length)];
}
