import { signLink } from '../auth/signed-link';

/** How long a customer's order status link opens: long enough for any delivery and a return. */
export const STATUS_LINK_DAYS = 60;

/** The path of an order's customer-facing status page: a signed, expiring token, not the id. */
export function statusLink(orderId: string, secret: string, now: Date): string {
  const expiresAt = new Date(now.getTime() + STATUS_LINK_DAYS * 86_400_000);
  return `/api/order-status/${signLink('order-status', { subject: orderId, expiresAt }, secret)}`;
}
