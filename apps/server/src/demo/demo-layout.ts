export interface DemoBin {
  id: string;
  warehouseId: string;
  zone: string;
  code: string;
  checkDigits: string;
  pathSeq: number;
}

export const DEMO_WAREHOUSES = [
  { id: 'GZ', name: 'Guangzhou DC', nameZh: '广州仓', city: '广州' },
  { id: 'CD', name: 'Chengdu DC', nameZh: '成都仓', city: '成都' },
] as const;

const ZONES = ['A', 'B', 'C'];
const AISLES = 6;
const POSITIONS = 12;

/**
 * Bins `A-03-12` (zone, aisle, position) walked in a serpentine: up odd aisles, down even ones,
 * so the pick path never doubles back along an aisle.
 */
export function demoBins(warehouseId: string): DemoBin[] {
  const bins: DemoBin[] = [];
  let pathSeq = 0;
  for (const zone of ZONES) {
    for (let aisle = 1; aisle <= AISLES; aisle++) {
      for (let step = 1; step <= POSITIONS; step++) {
        const position = aisle % 2 === 1 ? step : POSITIONS + 1 - step;
        const code = `${zone}-${pad(aisle)}-${pad(position)}`;
        pathSeq += 10;
        bins.push({
          id: `${warehouseId}:${code}`,
          warehouseId,
          zone,
          code,
          checkDigits: checkDigitsFor(warehouseId, code),
          pathSeq,
        });
      }
    }
  }
  return bins;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Two digits derived from the bin, printed on its label for keying in when the barcode will not scan. */
function checkDigitsFor(warehouseId: string, code: string): string {
  let hash = 7;
  for (const ch of `${warehouseId}${code}`) hash = (hash * 31 + ch.charCodeAt(0)) % 9973;
  return String(hash % 100).padStart(2, '0');
}
