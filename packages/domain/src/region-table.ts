/** A region group used by routing rules (M3.4: "Central and South-West China → Chengdu"). */
export type RegionGroup =
  'north' | 'north-east' | 'east' | 'central' | 'south' | 'south-west' | 'north-west';

/** The region group of each province-level division, by the first two digits of its GB/T 2260 code. */
const GROUP_BY_PROVINCE_CODE: Readonly<Record<string, RegionGroup>> = {
  '11': 'north', '12': 'north', '13': 'north', '14': 'north', '15': 'north',
  '21': 'north-east', '22': 'north-east', '23': 'north-east',
  '31': 'east', '32': 'east', '33': 'east', '34': 'east', '35': 'east', '36': 'east', '37': 'east',
  '41': 'central', '42': 'central', '43': 'central',
  '44': 'south', '45': 'south', '46': 'south', '71': 'south', '81': 'south', '82': 'south',
  '50': 'south-west', '51': 'south-west', '52': 'south-west', '53': 'south-west', '54': 'south-west',
  '61': 'north-west', '62': 'north-west', '63': 'north-west', '64': 'north-west', '65': 'north-west',
}; // prettier-ignore

/** The region group of a GB/T 2260 code (any level), or null for a code outside the table. */
export function regionGroupOfCode(code: string): RegionGroup | null {
  return GROUP_BY_PROVINCE_CODE[code.slice(0, 2)] ?? null;
}

/** Administrative suffixes, longest first, that a short form of a place name leaves out. */
const SUFFIXES = [
  '特别行政区',
  '自治区',
  '自治州',
  '自治县',
  '自治旗',
  '地区',
  '林区',
  '特区',
  '新区',
  '省',
  '市',
  '区',
  '县',
  '旗',
  '盟',
];

/**
 * The peoples named in autonomous divisions ("大理白族自治州", "巴音郭楞蒙古自治州"), longest
 * first, so that "恩施土家族苗族自治州" shortens to "恩施".
 */
const PEOPLES = [
  '柯尔克孜', '维吾尔', '哈萨克', '达斡尔', '鄂温克', '鄂伦春', '塔吉克',
  '土家', '布依', '朝鲜', '哈尼', '傈僳', '拉祜', '东乡', '纳西', '景颇', '仫佬', '毛南',
  '仡佬', '锡伯', '普米', '保安', '裕固', '独龙', '撒拉', '布朗', '蒙古',
  '回', '藏', '苗', '彝', '壮', '满', '侗', '瑶', '白', '傣', '黎', '佤', '畲', '水', '羌',
  '土', '怒', '京', '各',
]; // prettier-ignore

/**
 * A place name without its administrative suffix and the peoples of an autonomous division: the
 * short form people write. "杭州市" and "杭州" give "杭州", "滨江区" gives "滨江", "大理白族自治州"
 * gives "大理", "内蒙古自治区" gives "内蒙古". A name that would shrink below two characters
 * ("东区", "矿区") is kept whole.
 *
 * @example placeStem('广西壮族自治区') // → '广西'
 */
export function placeStem(name: string): string {
  const trimmed = name.replace(/\s+/g, '');
  const suffix = SUFFIXES.find((s) => trimmed.endsWith(s) && trimmed.length - s.length >= 2);
  if (!suffix) return trimmed;
  let stem = trimmed.slice(0, -suffix.length);
  if (suffix.startsWith('自治')) stem = withoutPeoples(stem);
  return stem;
}

function withoutPeoples(name: string): string {
  let rest = name;
  for (;;) {
    const withZu = rest.endsWith('族') ? rest.slice(0, -1) : rest;
    const people = PEOPLES.find((p) => withZu.endsWith(p) && withZu.length - p.length >= 2);
    if (!people) return rest;
    rest = withZu.slice(0, -people.length);
  }
}
