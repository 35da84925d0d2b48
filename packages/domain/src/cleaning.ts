import { PROVINCES, type ProvinceEntry, placeStem, type RegionGroup } from './region-table';

export interface CleanAddress {
  province: string;
  city: string;
  district: string;
  group: RegionGroup | null;
  /** False when the province or city was not in the region table: kept as sent, trimmed. */
  recognised: boolean;
}

/**
 * Normalises a consignee name: trims, drops inner spaces between Chinese characters, collapses
 * other runs of whitespace.
 *
 * @example cleanConsigneeName('  王 芳 ') // → '王芳'
 */
export function cleanConsigneeName(name: string): string {
  return name
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, '');
}

/**
 * A Chinese mobile number in its 11-digit form, or null when it is not one. Accepts +86 / 0086
 * prefixes, spaces, dashes and full-width digits.
 *
 * @example cleanMobile('+86 138-0013-8000') // → '13800138000'
 */
export function cleanMobile(phone: string): string | null {
  const halfWidth = phone.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  let digits = halfWidth.replace(/[\s\-()（）+]/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/**
 * Province, city and district in their full official names, using the bundled region table:
 * "浙江", "杭州" → "浙江省", "杭州市". A municipality's city is the municipality itself.
 */
export function cleanAddress(province: string, city: string, district: string): CleanAddress {
  const entry = findProvince(province) ?? findProvinceOfCity(city);
  const cleanDistrict = district.replace(/\s+/g, '');
  if (!entry) {
    return {
      province: province.replace(/\s+/g, ''),
      city: city.replace(/\s+/g, ''),
      district: cleanDistrict,
      group: null,
      recognised: false,
    };
  }
  const cityStem = placeStem(city);
  const fullCity =
    entry.cities.find((c) => placeStem(c) === cityStem) ??
    (entry.cities.length === 1 && placeStem(entry.name) === cityStem ? entry.cities[0] : undefined);
  return {
    province: entry.name,
    city: fullCity ?? city.replace(/\s+/g, ''),
    district: cleanDistrict,
    group: entry.group,
    recognised: fullCity !== undefined,
  };
}

/** The region group of a province, by any spelling of it. */
export function regionGroupOf(province: string): RegionGroup | null {
  return findProvince(province)?.group ?? null;
}

function findProvince(name: string): ProvinceEntry | undefined {
  const stem = placeStem(name);
  return PROVINCES.find((p) => placeStem(p.name) === stem || p.name === name);
}

function findProvinceOfCity(city: string): ProvinceEntry | undefined {
  const stem = placeStem(city);
  return PROVINCES.find((p) => p.cities.some((c) => placeStem(c) === stem));
}
