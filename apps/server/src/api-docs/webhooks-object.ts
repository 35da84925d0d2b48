import { webhookEventTypeSchema, type WebhookEventType } from '@wms/protocol';
import type { JsonObject } from './json-schema';

const WHEN: Record<WebhookEventType, string> = {
  'order.created': 'An order was taken in',
  'order.held': 'An order was held (by a rule or by hand)',
  'order.released': 'A held order was released',
  'order.picked': 'Every line of an order was picked',
  'order.packed': 'A parcel of an order was packed (parcels so far, units left)',
  'order.shipped': 'An order shipped with all its parcels (data.statusUrl: the customer’s page)',
  'exception.opened': 'An exception was opened in a warehouse',
  'alert.raised': 'A stock, peak or delay alert was raised',
  'order.address-confirmation-requested':
    'A customer’s address change waits for them (data.link: the page to send them)',
  'order.address-changed': 'An order’s address changed (confirmed by the customer or the platform)',
};

const header = (name: string, description: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string' },
});

/**
 * The OpenAPI 3.1 `webhooks` object: one POST the hub sends to a subscription's URL per event
 * type, signed the Standard Webhooks way.
 */
export function webhooksObject(): Record<string, JsonObject> {
  return Object.fromEntries(
    webhookEventTypeSchema.options.map((type) => [
      type,
      {
        post: {
          operationId: `webhook${type
            .split(/[.-]/)
            .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
            .join('')}`,
          summary: WHEN[type],
          description:
            'Sent to each active subscription of the warehouse that lists this type; retried with backoff for 24 hours until a 2xx answer',
          parameters: [
            header('webhook-id', 'The message id (`id` of the body), the same on every retry'),
            header('webhook-timestamp', 'Unix seconds when this attempt was signed'),
            header(
              'webhook-signature',
              'Space-separated `v1,<base64 HMAC-SHA256>` signatures: the current secret and, during a rotation, the previous one',
            ),
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/WebhookMessage' },
                    { type: 'object', properties: { type: { const: type } } },
                  ],
                },
              },
            },
          },
          responses: {
            '2XX': { description: 'Received: not sent again' },
            default: { description: 'Not received: sent again later' },
          },
        },
      },
    ]),
  );
}
