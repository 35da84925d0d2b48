import type { HoldRule, RoutingRule } from '@wms/protocol';
import type { Tx } from '../db/database';
import { type PeakRule, type PeakSamples, peakSamples } from '../holds/hold-context';
import { loadHoldRules } from '../holds/load-hold-rules';
import { readSetting } from '../inventory/hub-settings';
import { loadRoutingRules, manualQueueWarehouse } from '../routing/load-routing-rules';

/**
 * What every order of an intake reads and none changes: the rules, the settings and the peak
 * lag samples. Read once per batch (or once per single order) instead of once per order; an admin
 * editing a rule mid-batch takes effect from the next batch.
 */
export interface IntakeContext {
  routingRules: RoutingRule[];
  manualQueueWarehouse: string;
  holdRules: { id: string; rule: HoldRule }[];
  dedup: { windowMinutes: number };
  safety: { factor: number; windowDays: number };
  /** M4.8's lag samples, when a peak rule is enabled. */
  peakSamples: PeakSamples | null;
}

export async function loadIntakeContext(tx: Tx, now: Date): Promise<IntakeContext> {
  const holdRules = await loadHoldRules(tx);
  const peak = holdRules.find((r) => r.rule.kind === 'peak-protection')?.rule as
    PeakRule | undefined;
  return {
    routingRules: await loadRoutingRules(tx),
    manualQueueWarehouse: await manualQueueWarehouse(tx),
    holdRules,
    dedup: await readSetting(tx, 'dedup'),
    safety: await readSetting(tx, 'safety'),
    peakSamples: peak ? await peakSamples(tx, peak, now) : null,
  };
}
