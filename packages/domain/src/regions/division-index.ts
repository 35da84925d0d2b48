import { placeStem, type RegionGroup, regionGroupOfCode } from '../region-table';

/** A district or county (区, 县, 县级市, 旗) of the GB/T 2260 table. */
export interface DistrictDivision {
  code: string;
  name: string;
}

/**
 * A prefecture-level division (地级市, 自治州, 地区, 盟). A municipality (北京市) is its own single
 * city; a county-level city ruled by the province (仙桃市) is a city without districts.
 */
export interface CityDivision {
  code: string;
  name: string;
  districts: readonly DistrictDivision[];
}

/** A province-level division: 省, 自治区, 直辖市, 特别行政区. */
export interface ProvinceDivision {
  code: string;
  name: string;
  cities: readonly CityDivision[];
}

/** A division found by name, with its parents. */
export interface PlaceMatch {
  province: ProvinceDivision;
  city?: CityDivision;
  district?: DistrictDivision;
}

/** The division table indexed by every spelling of every name: full, short and alias. */
export interface DivisionIndex {
  provinces: readonly ProvinceDivision[];
  /** Province-level divisions by full name, short form and alias. */
  provinceByName: ReadonlyMap<string, ProvinceDivision>;
  /** Cities by full name, short form and alias; several where the name is not unique. */
  citiesByName: ReadonlyMap<string, readonly PlaceMatch[]>;
  /** Districts by full name and short form; several where the name is not unique (朝阳区). */
  districtsByName: ReadonlyMap<string, readonly PlaceMatch[]>;
  /** Every spelling of any level, longest first: what free text is matched against. */
  spellings: readonly string[];
}

/**
 * Other names still written on orders, by the official name they stand for (the short forms are
 * derived from the table itself).
 */
export const PLACE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  内蒙古自治区: ['内蒙'],
  黑龙江省: ['黑省'],
  襄阳市: ['襄樊'],
  普洱市: ['思茅'],
  香格里拉市: ['中甸'],
};

/**
 * Indexes a division table once (a few milliseconds for the whole country); every lookup after
 * that is a map read.
 *
 * @example
 * const index = buildDivisionIndex(provinces);
 * index.citiesByName.get('湖州')?.[0]?.city?.name // → '湖州市'
 */
export function buildDivisionIndex(provinces: readonly ProvinceDivision[]): DivisionIndex {
  const provinceByName = new Map<string, ProvinceDivision>();
  const citiesByName = new Map<string, PlaceMatch[]>();
  const districtsByName = new Map<string, PlaceMatch[]>();
  const add = (map: Map<string, PlaceMatch[]>, name: string, match: PlaceMatch) => {
    for (const spelling of spellingsOf(name)) {
      const list = map.get(spelling) ?? [];
      if (!list.includes(match)) list.push(match);
      map.set(spelling, list);
    }
  };
  for (const province of provinces) {
    for (const spelling of spellingsOf(province.name)) provinceByName.set(spelling, province);
    for (const city of province.cities) {
      add(citiesByName, city.name, { province, city });
      for (const district of city.districts) {
        add(districtsByName, district.name, { province, city, district });
      }
    }
  }
  const spellings = [
    ...new Set([...provinceByName.keys(), ...citiesByName.keys(), ...districtsByName.keys()]),
  ].sort((a, b) => b.length - a.length);
  return { provinces, provinceByName, citiesByName, districtsByName, spellings };
}

/** The region group of a province-level division. */
export function groupOfProvince(province: ProvinceDivision): RegionGroup | null {
  return regionGroupOfCode(province.code);
}

/** Whether a province-level division is a municipality or SAR: its one city is itself. */
export function isMunicipality(province: ProvinceDivision): boolean {
  return province.cities.length === 1 && province.cities[0]?.name === province.name;
}

function spellingsOf(name: string): string[] {
  return [...new Set([name, placeStem(name), ...(PLACE_ALIASES[name] ?? [])])];
}
