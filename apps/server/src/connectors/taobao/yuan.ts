/**
 * A yuan amount as TOP writes it ("12.50", "0.5", "199") in integer fen, without floating point.
 * Null when it is not a non-negative amount with at most two decimals.
 */
export function yuanToFen(yuan: string | number | undefined): number | null {
  const text = typeof yuan === 'number' ? String(yuan) : (yuan ?? '').trim();
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + cents;
}
