/**
 * The SKU pictures of the waves on this device, kept in Cache Storage for the back aisle: the
 * service worker answers `<img>` requests for them from this cache first (vite.config.ts,
 * `runtimeCaching`), and the pick screen fills it for a whole wave when the wave opens, so the
 * pictures of lines not yet shown are there too once the network is gone.
 */
export const PICTURE_CACHE = 'sku-pictures';

/** Pictures already asked for on this page: each is fetched at most once per page. */
const requested = new Set<string>();

/**
 * Fetches and stores the pictures not yet cached. A picture host usually sends no CORS headers:
 * the response is opaque (status 0), which Cache Storage keeps and an `<img>` can show. Failures
 * are silent: the pick card shows its placeholder instead.
 *
 * @example
 * await cachePictures(lines.map((line) => line.imageUrl)) // → how many were stored now
 */
export async function cachePictures(urls: readonly (string | null)[]): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  const wanted = [...new Set(urls)].filter(
    (url): url is string => url !== null && /^https?:/.test(url) && !requested.has(url),
  );
  if (wanted.length === 0) return 0;
  wanted.forEach((url) => requested.add(url));
  const cache = await caches.open(PICTURE_CACHE);
  const stored = await Promise.all(
    wanted.map(async (url) => {
      if (await cache.match(url)) return false;
      const response = await fetch(url, {
        mode: 'no-cors',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      }).catch(() => null);
      if (!response || (response.type !== 'opaque' && !response.ok)) {
        requested.delete(url);
        return false;
      }
      await cache.put(url, response);
      return true;
    }),
  );
  return stored.filter(Boolean).length;
}
