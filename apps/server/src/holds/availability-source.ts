import type { Tx } from '../db/database';
import { expectedAvailability } from '../inbound/expected-availability';

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

/** Open advance shipping notices (issue 23) first; a day in China, as the SKU record's date. */
export const availabilitySource: AvailabilitySource = {
  expectedAvailability: async (tx, warehouseId, skuId, quantity) => {
    const day = await expectedAvailability(tx, warehouseId, skuId, quantity);
    return day ? new Date(`${day}T00:00:00+08:00`) : null;
  },
};
