import { holdRuleSchema, type HoldRule } from '@wms/protocol';
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { holdRules } from '../db/schema';

/** The enabled hold rules, each with its id (validated: a broken stored rule is skipped). */
export async function loadHoldRules(tx: Tx): Promise<{ id: string; rule: HoldRule }[]> {
  const rows = await tx
    .select()
    .from(holdRules)
    .where(eq(holdRules.enabled, true))
    .orderBy(asc(holdRules.id));
  return rows.flatMap((r) => {
    const parsed = holdRuleSchema.safeParse(r.rule);
    return parsed.success ? [{ id: r.id, rule: parsed.data }] : [];
  });
}
