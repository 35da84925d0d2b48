import { documented } from '../api-docs/documented';
import { Hono } from 'hono';
import { hubSettingsSchema } from '@wms/protocol';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import { hubSettings } from '../db/schema';
import type { AppDeps } from '../http/app-deps';
import { parseBody } from '../http/parse-input';
import { readSetting } from './hub-settings';
import { readCarrierCutoffs } from '../waves/carrier-cutoffs';

/** The hub's thresholds that are data: read by staff, changed by admins. */
export function settingsRoutes(deps: AppDeps) {
  const read = async () => ({
    dedup: await readSetting(deps.db, 'dedup'),
    safety: await readSetting(deps.db, 'safety'),
    redAlerts: await readSetting(deps.db, 'redAlerts'),
    kpis: await readSetting(deps.db, 'kpis'),
    carrierCutoffs: await readCarrierCutoffs(deps.db),
    packing: await readSetting(deps.db, 'packing'),
  });
  return new Hono<SessionEnv>()
    .get(
      '/',
      documented({ summary: 'The dedup window and safety level', response: hubSettingsSchema }),
      requireCaller(deps, ['supervisor', 'admin']),
      async (c) => c.json(await read()),
    )
    .put(
      '/',
      documented({
        response: hubSettingsSchema,
        summary: 'Change the dedup window and safety level',
        body: hubSettingsSchema,
      }),
      requireCaller(deps, ['admin']),
      async (c) => {
        const update = await parseBody(c, hubSettingsSchema);
        for (const [key, value] of Object.entries(update)) {
          await deps.db
            .insert(hubSettings)
            .values({ key, value })
            .onConflictDoUpdate({ target: hubSettings.key, set: { value } });
        }
        return c.json(await read());
      },
    );
}
