import type { Tx } from '../db/database';

/**
 * Where a pre-sale SKU's ASN dates come from (issue 21): the latest expected date of the open
 * advance shipping notices that covers `quantity` of the SKU in the warehouse, or null when no
 * open notice covers it (then the SKU record's `availableFrom` decides).
 */
export interface AvailabilitySource {
  expectedAvailability(
    tx: Tx,
    warehouseId: string,
    skuId: string,
    quantity: number,
  ): Promise<Date | null>;
}

/** No ASNs known: the SKU record's date alone. */
export const skuRecordOnly: AvailabilitySource = {
  expectedAvailability: () => Promise.resolve(null),
};

// TODO(lead, #23 inbound): at merge, wire `expectedAvailability(db, warehouseId, skuId, quantity)` from apps/server/src/inbound here: `export const availabilitySource: AvailabilitySource = { expectedAvailability };`
export const availabilitySource: AvailabilitySource = skuRecordOnly;
