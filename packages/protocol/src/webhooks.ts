import { z } from 'zod';

/** The events the hub sends out (M5.1). */
export const webhookEventTypeSchema = z.enum([
  'order.created',
  'order.held',
  'order.released',
  'order.picked',
  'order.shipped',
  'exception.opened',
  'alert.raised',
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
