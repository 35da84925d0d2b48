import { z } from 'zod';

/** The events the hub sends out (M5.1). */
export const webhookEventTypeSchema = z.enum([
  'order.created',
  'order.held',
  'order.released',
  'order.picked',
  // Issue 22: each parcel packed (parcels so far, units left), then shipped with all parcels.
  'order.packed',
  'order.shipped',
  'exception.opened',
  'alert.raised',
  // Issue 21: a customer's address change waits for them (`data.link` is the page to send them).
  'order.address-confirmation-requested',
  // Issue 21: an order's address changed (confirmed by the customer, or by the marketplace).
  'order.address-changed',
]);

/** `POST /api/webhooks/subscriptions`: where to send which events. */
export const webhookSubscriptionInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  eventTypes: z.array(webhookEventTypeSchema).min(1),
  /** A Standard Webhooks secret, `whsec_` + base64; generated when absent. */
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'a secret looks like whsec_ followed by base64')
    .optional(),
});

/** `PATCH /api/webhooks/subscriptions/:id`: pause or resume, or change where or what is sent. */
export const webhookSubscriptionPatchSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).optional(),
    eventTypes: z.array(webhookEventTypeSchema).min(1).optional(),
    active: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'send at least one of url, eventTypes, active');

/**
 * `POST /api/webhooks/subscriptions/:id/rotate-secret`: a new secret, with the old one still
 * signing beside it for `graceHours` (Standard Webhooks sends several signatures in one header),
 * so the receiver can switch without losing a delivery.
 */
export const webhookRotateSecretSchema = z.strictObject({
  graceHours: z.number().int().min(0).max(168).default(24),
});

/** A subscription as listed: never its secret, which is shown once, at creation or rotation. */
export const webhookSubscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(webhookEventTypeSchema),
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  previousSecretExpiresAt: z.iso.datetime({ offset: true }).nullable(),
  /**
   * The warehouse whose events it receives (its creator's); null: made before subscriptions were
   * scoped, receives every warehouse's events until recreated.
   */
  warehouseId: z.string().nullable(),
});

/** The answer to creation and rotation: the only time the secret is shown. */
export const webhookSubscriptionWithSecretSchema = webhookSubscriptionSchema.extend({
  secret: z.string(),
});

/** The body of every delivery: `webhook-id` header equals `id`, stable across retries. */
export const webhookMessageSchema = z.object({
  id: z.string(),
  type: webhookEventTypeSchema,
  timestamp: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});

export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;
export type WebhookSubscriptionInput = z.infer<typeof webhookSubscriptionInputSchema>;
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;
export type WebhookSubscriptionPatch = z.infer<typeof webhookSubscriptionPatchSchema>;
