import { eq } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { hubSettings } from '../db/schema';

/** The hub's numeric settings, with the seeds' values as defaults (an admin may change them). */
export const DEFAULT_SETTINGS = {
  /** M3.3: same phone + same SKU within this many minutes is a suspected duplicate. */
  dedup: { windowMinutes: 5 },
  /** M3.7: alert when available < factor × average daily sales over the window. */
  safety: { factor: 1.5, windowDays: 7 },
  /** M2.3 red alerts (console): orders waiting, return rate rise on its trailing average, sync lag. */
  redAlerts: { ordersWaiting: 800, returnRateRisePct: 20, syncLagP95Seconds: 60, trailingDays: 7 },
  /** Console KPIs: a picker's rates per hour only after this many minutes of activity. */
  kpis: { minActiveMinutes: 15 },
  /** Issue 22: how far a weighed parcel may be from SKU weights + box (a share, with a floor). */
  packing: { weightTolerancePct: 5, weightToleranceMinGrams: 30 },
} as const;

export type SettingKey = keyof typeof DEFAULT_SETTINGS;
type Setting<K extends SettingKey> = { [P in keyof (typeof DEFAULT_SETTINGS)[K]]: number };

export async function readSetting<K extends SettingKey>(tx: Tx, key: K): Promise<Setting<K>> {
  const [row] = await tx.select().from(hubSettings).where(eq(hubSettings.key, key));
  return { ...DEFAULT_SETTINGS[key], ...(row?.value ?? {}) };
}
