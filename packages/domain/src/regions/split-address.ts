import {
  type DivisionIndex,
  isMunicipality,
  type PlaceMatch,
  type ProvinceDivision,
} from './division-index';
import { type CleanAddress, cleanAddress } from './resolve-address';

/** A one-line address taken apart: the region (cleaned) and the rest (street, number, room). */
export interface SplitAddress extends CleanAddress {
  street: string;
}

/** The longest division name is 15 characters (克孜勒苏柯尔克孜自治州). */
const LONGEST_NAME = 16;

/**
 * Takes a one-line address as marketplaces send it apart into province, city, district and
 * street, then cleans the region like {@link cleanAddress}. A short form ("杭州", "西湖") counts
 * only where a parent precedes it or a child follows it, so a street named after a city
 * ("中山路 8 号") is not read as one.
 *
 * @example
 * splitAddress(index, '浙江省杭州市西湖区文三路 90 号')
 * // → { province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路90号', … }
 */
export function splitAddress(index: DivisionIndex, text: string): SplitAddress {
  const line = text.replace(/\s+/g, '');
  let pos = 0;
  const found = { province: '', city: '', district: '' };
  let province: ProvinceDivision | undefined;
  const cityOf = (m: PlaceMatch) => m.city;

  const provinceHit = prefixes(line, pos, index.provinceByName).find((spelling) => {
    const p = index.provinceByName.get(spelling);
    return p && (spelling === p.name || childFollows(index, line, pos + spelling.length, p));
  });
  if (provinceHit) {
    province = index.provinceByName.get(provinceHit);
    found.province = provinceHit;
    pos += provinceHit.length;
    if (province && isMunicipality(province)) {
      const again = prefixes(line, pos, index.provinceByName).find(
        (s) => index.provinceByName.get(s) === province,
      );
      pos += again?.length ?? (line.startsWith('市辖区', pos) ? 3 : 0);
    }
  }

  let cityMatches: PlaceMatch[] = [];
  if (!province || !isMunicipality(province)) {
    const cityHit = prefixes(line, pos, index.citiesByName).find((spelling) => {
      const ms = fitting(index.citiesByName.get(spelling), province);
      return (
        ms.length > 0 &&
        (province !== undefined ||
          ms.some((m) => m.city?.name === spelling) ||
          ms.some((m) => districtFollows(index, line, pos + spelling.length, m)))
      );
    });
    if (cityHit) {
      cityMatches = fitting(index.citiesByName.get(cityHit), province);
      found.city = cityHit;
      pos += cityHit.length;
    }
  }

  const parentKnown = province !== undefined || cityMatches.length > 0;
  const cities = new Set(cityMatches.map(cityOf));
  const districtHit = prefixes(line, pos, index.districtsByName).find((spelling) => {
    const ms = fitting(index.districtsByName.get(spelling), province).filter(
      (m) => cities.size === 0 || cities.has(m.city),
    );
    return ms.length > 0 && (parentKnown || ms.some((m) => m.district?.name === spelling));
  });
  if (districtHit) {
    found.district = districtHit;
    pos += districtHit.length;
  }
  return { ...cleanAddress(index, found), street: line.slice(pos) };
}

/** Every name in `names` that `line` has at `pos`, longest first. */
function prefixes(line: string, pos: number, names: ReadonlyMap<string, unknown>): string[] {
  const hits: string[] = [];
  for (let len = Math.min(LONGEST_NAME, line.length - pos); len >= 2; len--) {
    const candidate = line.slice(pos, pos + len);
    if (names.has(candidate)) hits.push(candidate);
  }
  return hits;
}

function fitting(
  matches: readonly PlaceMatch[] | undefined,
  province: ProvinceDivision | undefined,
): PlaceMatch[] {
  return (matches ?? []).filter((m) => !province || m.province === province);
}

function childFollows(
  index: DivisionIndex,
  line: string,
  pos: number,
  province: ProvinceDivision,
): boolean {
  return (
    prefixes(line, pos, index.citiesByName).some(
      (s) => fitting(index.citiesByName.get(s), province).length > 0,
    ) ||
    prefixes(line, pos, index.districtsByName).some(
      (s) => fitting(index.districtsByName.get(s), province).length > 0,
    )
  );
}

function districtFollows(index: DivisionIndex, line: string, pos: number, city: PlaceMatch) {
  return prefixes(line, pos, index.districtsByName).some((s) =>
    (index.districtsByName.get(s) ?? []).some((m) => m.city === city.city),
  );
}
