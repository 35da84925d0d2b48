// @ts-check
/**
 * Writes `.br` and `.gz` beside every compressible file of the built PWA, so the server sends
 * them as they are (`serveStatic({ precompressed: true })`) instead of compressing per request or
 * not at all. Runs after `vite build` (and after vite-plugin-pwa has written the service worker).
 * Files under 1 KiB, or that do not shrink, get no compressed twin.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|webmanifest|svg|txt|map)$/;
const MIN_BYTES = 1024;

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

let written = 0;
for (const path of filesUnder(dist)) {
  if (!COMPRESSIBLE.test(path)) continue;
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) continue;
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  if (br.length < raw.length) writeFileSync(`${path}.br`, br);
  if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
  written += 1;
}
console.log(`precompress: ${written} files in ${dist} have .br and .gz twins`);
