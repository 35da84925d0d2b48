import type { Channel } from '@wms/protocol';

/** What the rule engines need to know of an order, once cleaned. */
export interface OrderFacts {
  channel: Channel;
  province: string;
  city: string;
  district: string;
  /** Full address text (province to street), for keyword rules. */
  addressText: string;
  regionGroup: string | null;
  paidCents: number;
  vip: boolean;
  lines: readonly OrderLineFacts[];
}

export interface OrderLineFacts {
  skuId: string;
  category: string;
  qty: number;
  unitPriceCents: number;
  /** The SKU's cost, when known (M4.4 compares the promotion price to it). */
  costCents: number | null;
}
