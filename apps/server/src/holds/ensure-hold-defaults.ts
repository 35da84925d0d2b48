import { DEFAULT_HOLD_RULES } from '@wms/domain';
import type { Tx } from '../db/database';
import { holdRules, hubSettings } from '../db/schema';
import { DEFAULT_SETTINGS } from '../inventory/hub-settings';

/** Loads the seeds' hold rules and settings where none are stored yet; edits are kept. */
export async function ensureHubDefaults(tx: Tx): Promise<void> {
  await tx
    .insert(holdRules)
    .values(DEFAULT_HOLD_RULES.map((r) => ({ id: r.id, rule: r.rule })))
    .onConflictDoNothing();
  await tx
    .insert(hubSettings)
    .values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value: { ...value } })))
    .onConflictDoNothing();
}
