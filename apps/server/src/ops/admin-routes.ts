import { documented } from '../api-docs/documented';
import { archiveAnswerSchema } from '../api-docs/response-schemas';
import { Hono } from 'hono';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { ApiError } from '../http/api-error';
import { parseBody } from '../http/parse-input';
import { z } from 'zod';
import { archiveScanEvents } from './archive-scan-events';

export const archiveRequestSchema = z.strictObject({
  /** Archive scan events received more than this many days ago (default: the configured age). */
  olderThanDays: z.number().min(0).optional(),
});

/** Operations an admin runs by hand: a backup of the embedded database, archiving now. */
export function adminRoutes(deps: AppDeps) {
  const admin = requireCaller(deps, ['admin']);
  return new Hono<SessionEnv>()
    .post(
      '/archive-scan-events',
      documented({
        response: archiveAnswerSchema,
        refusals: [409],
        summary:
          'Move scan events older than olderThanDays (default SCAN_EVENT_RETENTION_DAYS) to the archive now',
        body: archiveRequestSchema,
      }),
      admin,
      async (c) => {
        const { olderThanDays } = await parseBody(c, archiveRequestSchema);
        const ageMs =
          olderThanDays === undefined ? (deps.retentionMs ?? 0) : olderThanDays * 86_400_000;
        if (ageMs <= 0 && olderThanDays === undefined) {
          throw new ApiError(
            409,
            'not_available',
            'Archiving is off (SCAN_EVENT_RETENTION_DAYS=0): send olderThanDays to archive anyway',
          );
        }
        const cutoff = new Date(deps.now().getTime() - ageMs);
        const result = await archiveScanEvents(deps.db, cutoff);
        if (result) {
          deps.metrics?.observeArchive(result);
          if (result.alreadyArchived > 0 || result.conflicts > 0) {
            deps.logger?.warn({ ...result, cutoff }, 'scan events found in the archive already');
          }
        }
        return c.json({
          cutoff: cutoff.toISOString(),
          archived: result?.moved ?? 0,
          alreadyArchived: result?.alreadyArchived ?? 0,
          conflicts: result?.conflicts ?? 0,
          busy: result === null,
        });
      },
    )
    .get(
      '/backup',
      documented({
        refusals: [409],
        download: 'application/gzip',
        summary:
          'A consistent backup of the embedded database while it runs (gzipped tarball); 409 not_available on Postgres (use pg_dump)',
      }),
      admin,
      async (c) => {
        if (!deps.backup) {
          throw new ApiError(
            409,
            'not_available',
            'This server runs on Postgres (DATABASE_URL): back it up with pg_dump, see the README',
          );
        }
        const tarball = await deps.backup();
        const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
        c.header('content-type', 'application/gzip');
        c.header('content-disposition', `attachment; filename="wms-backup-${stamp}.tar.gz"`);
        c.header('content-length', String(tarball.size));
        c.header('cache-control', 'no-store');
        // PGlite builds the tarball in memory; it goes out as it is.
        return c.body(await tarball.arrayBuffer());
      },
    );
}
