import { secureHeaders } from 'hono/secure-headers';
import { ANY_HTTPS, type PictureHosts } from './picture-hosts';

/**
 * Security headers on every response, with a Content-Security-Policy that fits the PWA: its own
 * scripts and workers only (no inline script, no CDN: a handheld may be offline), the camera
 * stream and canvas snapshots as blob:/data:, and no framing. SKU pictures live on the shop's
 * image host: the pick card shows them (img-src) and the PWA stores a wave's pictures for the
 * back aisle (connect-src, no-cors fetches into Cache Storage): only from `pictureHosts`
 * (PICTURE_HOSTS; any HTTPS host by default).
 */
export function securityHeaders(pictureHosts: PictureHosts = ANY_HTTPS) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...pictureHosts],
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'", ...pictureHosts],
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
