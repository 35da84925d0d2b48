import type { RegionGroup } from '../region-table';
import {
  type CityDivision,
  type DivisionIndex,
  groupOfProvince,
  isMunicipality,
  type PlaceMatch,
  type ProvinceDivision,
} from './division-index';

/** An address's region in the table's full official names. */
export interface CleanAddress {
  province: string;
  city: string;
  district: string;
  group: RegionGroup | null;
  /** False when the province or city was not in the table (or was ambiguous): kept as sent. */
  recognised: boolean;
  /**
   * Set when a name fits several places and nothing sent decides between them (朝阳区 without a
   * city is in Beijing and in Changchun): the order goes to review, never to a guess.
   */
  ambiguous?: AmbiguousPlace;
}

export interface AmbiguousPlace {
  field: 'city' | 'district';
  name: string;
  /** Each place the name may be, as "province city district". */
  candidates: string[];
}

/** What was sent: any of the three may be empty or a short form. */
export interface RegionFields {
  province: string;
  city: string;
  district: string;
}

const compact = (s: string) => s.replace(/\s+/g, '');

/**
 * Province, city and district in their full official names from the division table: short forms
 * ("杭州", "滨江") and missing parents are filled in where the name is unique or a parent sent
 * decides; a name found in several places with nothing to decide is returned as sent, marked
 * ambiguous.
 *
 * @example
 * cleanAddress(index, { province: '', city: '杭州', district: '滨江' })
 * // → { province: '浙江省', city: '杭州市', district: '滨江区', group: 'east', recognised: true }
 */
export function cleanAddress(index: DivisionIndex, sent: RegionFields): CleanAddress {
  const raw = {
    province: compact(sent.province),
    city: compact(sent.city),
    district: compact(sent.district),
  };
  const asSent = (ambiguous?: AmbiguousPlace): CleanAddress => ({
    ...raw,
    group: null,
    recognised: false,
    ...(ambiguous ? { ambiguous } : {}),
  });
  let province = raw.province ? index.provinceByName.get(raw.province) : undefined;
  if (raw.province && !province) return asSent();
  if (!province) {
    const municipality = index.provinceByName.get(raw.city);
    if (municipality && isMunicipality(municipality)) province = municipality;
  }
  const cityPick = pickCity(index, province, raw.city);
  if (cityPick.ambiguous) return asSent(cityPick.ambiguous);
  let city = cityPick.city;
  province ??= cityPick.province;
  let district = raw.district;
  if (raw.district) {
    const matches = (index.districtsByName.get(raw.district) ?? []).filter(
      (m) => (!city || m.city === city) && (!province || m.province === province),
    );
    if (matches.length > 1) {
      return asSent({ field: 'district', name: raw.district, candidates: matches.map(placeLabel) });
    }
    const match = matches[0];
    if (match?.district) {
      district = match.district.name;
      city ??= match.city;
      province ??= match.province;
    }
  }
  if (!province) return asSent();
  return {
    province: province.name,
    city: city?.name ?? raw.city,
    district,
    group: groupOfProvince(province),
    recognised: city !== undefined,
  };
}

function pickCity(
  index: DivisionIndex,
  province: ProvinceDivision | undefined,
  name: string,
): { city?: CityDivision; province?: ProvinceDivision; ambiguous?: AmbiguousPlace } {
  if (province && isMunicipality(province)) {
    const own = province.cities[0];
    const isOwn = !name || name === '市辖区' || index.provinceByName.get(name) === province;
    if (isOwn && own) return { city: own, province };
  }
  if (!name) return {};
  const matches = (index.citiesByName.get(name) ?? []).filter(
    (m) => !province || m.province === province,
  );
  if (matches.length > 1) {
    return { ambiguous: { field: 'city', name, candidates: matches.map(placeLabel) } };
  }
  const match = matches[0];
  return match ? { city: match.city, province: match.province } : {};
}

function placeLabel(m: PlaceMatch): string {
  const city = m.city && m.city.name !== m.province.name ? m.city.name : '';
  return [m.province.name, city, m.district?.name ?? ''].filter(Boolean).join(' ');
}
