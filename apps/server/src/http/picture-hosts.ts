import type { FieldError } from '@wms/protocol';

/**
 * Where SKU pictures may come from (PICTURE_HOSTS): Content-Security-Policy source expressions,
 * each a scheme (`https:`) or a scheme, host and optional port (`https://img.alicdn.com`,
 * `https://*.alicdn.com`, `http://10.0.0.5:8081`, any port `:*`). The same list is the page's `img-src` and
 * `connect-src` (the PWA stores a wave's pictures) and what a SKU's picture URLs must match when
 * they are saved: a URL the page would refuse to load is refused with the field named, not stored.
 */
export type PictureHosts = readonly string[];

/** The default: any host over HTTPS (a cleartext picture on an HTTPS page is mixed content). */
export const ANY_HTTPS: PictureHosts = ['https:'];

const SOURCE = /^(https?):(?:\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}|\*))?)?$/;

/** Parses `PICTURE_HOSTS` (commas or spaces between sources); throws naming a source it cannot read. */
export function parsePictureHosts(text: string): PictureHosts {
  const sources = text
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase().replace(/\/$/, ''))
    .filter((s) => s !== '');
  if (sources.length === 0) throw new Error('PICTURE_HOSTS: list at least one source');
  for (const source of sources)
    if (!SOURCE.test(source))
      throw new Error(
        `PICTURE_HOSTS: "${source}" is not a scheme (https:) or a scheme and host (https://img.example.com, https://*.example.com, with an optional :port)`,
      );
  return sources;
}

/** Whether the page may load `url` as a picture under `hosts` (CSP matching, paths aside). */
export function pictureHostAllows(hosts: PictureHosts, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const scheme = parsed.protocol.slice(0, -1);
  const port = parsed.port === '' ? (scheme === 'https' ? '443' : '80') : parsed.port;
  return hosts.some((source) => {
    const [, sourceScheme, wildcard, host, sourcePort] = SOURCE.exec(source) ?? [];
    if (sourceScheme !== scheme) return false;
    if (host === undefined) return true;
    const hostMatches = wildcard ? parsed.hostname.endsWith(`.${host}`) : parsed.hostname === host;
    if (sourcePort === '*') return hostMatches;
    return hostMatches && (sourcePort ?? (scheme === 'https' ? '443' : '80')) === port;
  });
}

/** The picture URLs of a SKU (or a row of a file) that `hosts` does not allow, as field errors. */
export function pictureUrlErrors(
  hosts: PictureHosts,
  sku: { imageUrl?: string | null; pictureUrls?: readonly string[] | undefined },
  prefix = '',
): FieldError[] {
  const refused = (url: string) =>
    `pictures are loaded only from ${hosts.join(' ')} (PICTURE_HOSTS): ${url} is not`;
  const errors: FieldError[] = [];
  if (sku.imageUrl && !pictureHostAllows(hosts, sku.imageUrl))
    errors.push({ path: `${prefix}imageUrl`, message: refused(sku.imageUrl) });
  for (const [i, url] of (sku.pictureUrls ?? []).entries())
    if (!pictureHostAllows(hosts, url))
      errors.push({ path: `${prefix}pictureUrls.${i}`, message: refused(url) });
  return errors;
}
