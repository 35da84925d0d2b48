import { eq } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { hubSettings } from '../db/schema';

/**
 * When each carrier's last truck leaves, in minutes after midnight China time; data an admin
 * sets (`PUT /api/hub-settings` `carrierCutoffs`). These defaults are ours, not the seeds'.
 */
export const DEFAULT_CARRIER_CUTOFFS: Record<string, number> = { SF: 960, YTO: 1020, ZTO: 1050 };

/** A carrier with no cut-off set is waved after every carrier that has one. */
const NO_CUTOFF = 24 * 60;

export async function readCarrierCutoffs(tx: Tx): Promise<Record<string, number>> {
  const [row] = await tx.select().from(hubSettings).where(eq(hubSettings.key, 'carrierCutoffs'));
  return { ...DEFAULT_CARRIER_CUTOFFS, ...(row?.value ?? {}) };
}

export function cutoffOf(cutoffs: Record<string, number>, carrier: string | null): number {
  return (carrier ? cutoffs[carrier] : undefined) ?? NO_CUTOFF;
}

/** `960` → `16:00`; null when the carrier has no cut-off. */
export function formatCutoff(minutes: number): string | null {
  if (minutes >= NO_CUTOFF) return null;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
