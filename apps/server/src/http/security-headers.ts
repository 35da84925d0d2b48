import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers on every response, with a Content-Security-Policy that fits the PWA: its own
 * scripts and workers only (no inline script, no CDN: a handheld may be offline), the camera
 * stream and canvas snapshots as blob:/data:, and no framing. SKU pictures live on the shop's
 * image host: the pick card shows them (img-src) and the PWA stores a wave's pictures for the
 * back aisle (connect-src, no-cors fetches into Cache Storage).
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'", 'https:', 'http:'],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [] },
  });
}
