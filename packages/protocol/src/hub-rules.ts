import { z } from 'zod';
import { centsSchema, channelSchema } from './order-intake';
import { idSchema } from './codes';

/** The hold rules of M4: each kind has its own parameters; the numbers are data, not code. */
export const holdRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('id-daily-orders'), maxPerDay: z.int().min(1) }),
  z.object({
    kind: z.literal('pickup-station-amount'),
    keywords: z.array(z.string().min(1)).min(1),
    minAmountCents: centsSchema,
  }),
  z.object({ kind: z.literal('signature-unit-price'), minUnitPriceCents: centsSchema }),
  z.object({ kind: z.literal('promo-cost-deviation'), maxDeviationPct: z.number().min(0) }),
  z.object({
    kind: z.literal('repeat-same-address'),
    count: z.int().min(2),
    windowMinutes: z.int().min(1),
  }),
  z.object({ kind: z.literal('address-keywords'), keywords: z.array(z.string().min(1)).min(1) }),
  z.object({
    kind: z.literal('peak-protection'),
    lagMinutes: z.int().min(1),
    sustainMinutes: z.int().min(1),
    highValueCents: centsSchema,
  }),
]);

/** A stored hold rule as an admin edits it: `PUT /api/holds/rules/:id`. */
export const storedHoldRuleSchema = z.object({
  id: idSchema,
  enabled: z.boolean(),
  rule: holdRuleSchema,
});

/** Conditions of a routing rule; an absent condition matches everything. */
export const routeConditionsSchema = z.strictObject({
  provinces: z.array(z.string()).optional(),
  cities: z.array(z.string()).optional(),
  districts: z.array(z.string()).optional(),
  /** Region groups from the bundled region table, e.g. `central`, `south-west`. */
  regions: z.array(z.string()).optional(),
  channels: z.array(channelSchema).optional(),
  minAmountCents: centsSchema.optional(),
  maxAmountCents: centsSchema.optional(),
  minUnitPriceCents: centsSchema.optional(),
  skuIds: z.array(idSchema).optional(),
  categories: z.array(z.string()).optional(),
});

/** A routing rule: rules are tried in ascending `priority`; the first that matches decides. */
export const routingRuleSchema = z.strictObject({
  id: idSchema,
  priority: z.int(),
  name: z.string().min(1).max(120),
  conditions: routeConditionsSchema,
  warehouseId: idSchema,
  carrier: z.string().min(1).max(32),
  enabled: z.boolean().default(true),
});

export const holdDecisionSchema = z.strictObject({
  decision: z.enum(['release', 'cancel']),
  note: z.string().max(500).optional(),
});

export const manualHoldSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export type HoldRule = z.infer<typeof holdRuleSchema>;
export type HoldRuleKind = HoldRule['kind'];
export type StoredHoldRule = z.infer<typeof storedHoldRuleSchema>;
export type RouteConditions = z.infer<typeof routeConditionsSchema>;
export type RoutingRule = z.infer<typeof routingRuleSchema>;
export type HoldDecision = z.infer<typeof holdDecisionSchema>;
