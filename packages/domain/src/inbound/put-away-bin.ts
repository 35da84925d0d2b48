/**
 * What the server knows of one bin when it suggests where a put-away goes (issue 23): its
 * capacity for the SKU (`maxQty`, when set for it), its volume, and what it holds now.
 */
export interface BinRoomFacts {
  binId: string;
  /** The most units of this SKU the bin holds (a capacity set for the SKU), else null. */
  maxQty: number | null;
  /** The bin's usable volume in cm³, else null. */
  volumeCm3: number | null;
  /** cm³ taken by what the bin holds now (units of SKUs without a size count as nothing). */
  usedCm3: number;
  /** Units of this SKU in the bin now, any status. */
  skuUnits: number;
  /** Units of every SKU in the bin now. */
  allUnits: number;
  /** The bin is kept for other SKUs (a capacity is set for them, none for this one). */
  keptForOthers: boolean;
}

/**
 * The units of a SKU a bin has room for: its capacity for the SKU less what it holds of it, else
 * what fits of its free volume (the SKU's unit volume in cm³ known), else null (unknown).
 *
 * @example
 * binRoom({ binId: 'GZ:A-01-01', maxQty: 24, volumeCm3: null, usedCm3: 0, skuUnits: 20, allUnits: 20, keptForOthers: false }, null) // → 4
 */
export function binRoom(bin: BinRoomFacts, unitCm3: number | null): number | null {
  if (bin.maxQty !== null) return Math.max(bin.maxQty - bin.skuUnits, 0);
  if (bin.volumeCm3 !== null && unitCm3 !== null && unitCm3 > 0)
    return Math.max(Math.floor((bin.volumeCm3 - bin.usedCm3) / unitCm3), 0);
  return null;
}

export type PutAwayChoice = { binId: string; kind: 'pick-face' | 'reserve' } | null;

/**
 * Where `qty` units of a SKU should go: its pick face when it has room for them (or its room is
 * unknown: a face without capacity data takes what comes, as before capacities), else the first
 * reserve bin in path order (the caller lists the face's zone first) with room for all of them;
 * a reserve bin of unknown room counts only when it is empty, and a bin kept for other SKUs
 * never. Null when none fits: the caller falls back on the emptiest bin.
 *
 * @example
 * choosePutAwayBin({ face, reserves: [full, roomy], unitCm3: 500, qty: 6 }) // → { binId: roomy.binId, kind: 'reserve' }
 */
export function choosePutAwayBin(input: {
  face: BinRoomFacts | null;
  reserves: readonly BinRoomFacts[];
  unitCm3: number | null;
  qty: number;
}): PutAwayChoice {
  const { face, reserves, unitCm3, qty } = input;
  if (face) {
    const room = binRoom(face, unitCm3);
    if (room === null || room >= qty) return { binId: face.binId, kind: 'pick-face' };
  }
  for (const bin of reserves) {
    if (bin.binId === face?.binId || (bin.keptForOthers && bin.maxQty === null)) continue;
    const room = binRoom(bin, unitCm3);
    if (room === null ? bin.allUnits === 0 : room >= qty)
      return { binId: bin.binId, kind: 'reserve' };
  }
  return null;
}
