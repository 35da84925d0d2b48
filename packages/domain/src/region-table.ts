/** A region group used by routing rules (M3.4: "Central and South-West China → Chengdu"). */
export type RegionGroup =
  'north' | 'north-east' | 'east' | 'central' | 'south' | 'south-west' | 'north-west';

export interface ProvinceEntry {
  name: string;
  group: RegionGroup;
  /** Major cities by their full name; the province's own name for the four municipalities. */
  cities: readonly string[];
}

/** The provinces of mainland China with their major cities; full official names. */
export const PROVINCES: readonly ProvinceEntry[] = [
  { name: '北京市', group: 'north', cities: ['北京市'] },
  { name: '天津市', group: 'north', cities: ['天津市'] },
  { name: '河北省', group: 'north', cities: ['石家庄市', '唐山市', '保定市', '廊坊市', '邯郸市'] },
  { name: '山西省', group: 'north', cities: ['太原市', '大同市'] },
  { name: '内蒙古自治区', group: 'north', cities: ['呼和浩特市', '包头市'] },
  { name: '辽宁省', group: 'north-east', cities: ['沈阳市', '大连市'] },
  { name: '吉林省', group: 'north-east', cities: ['长春市', '吉林市'] },
  { name: '黑龙江省', group: 'north-east', cities: ['哈尔滨市', '大庆市'] },
  { name: '上海市', group: 'east', cities: ['上海市'] },
  { name: '江苏省', group: 'east', cities: ['南京市', '苏州市', '无锡市', '常州市', '南通市'] },
  { name: '浙江省', group: 'east', cities: ['杭州市', '宁波市', '温州市', '绍兴市', '金华市'] },
  { name: '安徽省', group: 'east', cities: ['合肥市', '芜湖市'] },
  { name: '福建省', group: 'east', cities: ['福州市', '厦门市', '泉州市'] },
  { name: '江西省', group: 'east', cities: ['南昌市', '赣州市'] },
  { name: '山东省', group: 'east', cities: ['济南市', '青岛市', '烟台市', '潍坊市'] },
  { name: '河南省', group: 'central', cities: ['郑州市', '洛阳市', '开封市'] },
  { name: '湖北省', group: 'central', cities: ['武汉市', '宜昌市', '襄阳市'] },
  { name: '湖南省', group: 'central', cities: ['长沙市', '株洲市', '岳阳市'] },
  { name: '广东省', group: 'south', cities: ['广州市', '深圳市', '东莞市', '佛山市', '珠海市'] },
  { name: '广西壮族自治区', group: 'south', cities: ['南宁市', '桂林市', '柳州市'] },
  { name: '海南省', group: 'south', cities: ['海口市', '三亚市'] },
  { name: '重庆市', group: 'south-west', cities: ['重庆市'] },
  { name: '四川省', group: 'south-west', cities: ['成都市', '绵阳市', '德阳市'] },
  { name: '贵州省', group: 'south-west', cities: ['贵阳市', '遵义市'] },
  { name: '云南省', group: 'south-west', cities: ['昆明市', '大理白族自治州'] },
  { name: '西藏自治区', group: 'south-west', cities: ['拉萨市'] },
  { name: '陕西省', group: 'north-west', cities: ['西安市', '咸阳市'] },
  { name: '甘肃省', group: 'north-west', cities: ['兰州市'] },
  { name: '青海省', group: 'north-west', cities: ['西宁市'] },
  { name: '宁夏回族自治区', group: 'north-west', cities: ['银川市'] },
  { name: '新疆维吾尔自治区', group: 'north-west', cities: ['乌鲁木齐市'] },
];

const SUFFIXES = [
  '维吾尔自治区',
  '壮族自治区',
  '回族自治区',
  '自治区',
  '自治州',
  '省',
  '市',
  '区',
  '县',
];

/** A place name without its administrative suffix: "杭州市" and "杭州" both give "杭州". */
export function placeStem(name: string): string {
  const trimmed = name.replace(/\s+/g, '');
  for (const suffix of SUFFIXES) {
    if (trimmed.length > suffix.length + 1 && trimmed.endsWith(suffix)) {
      return trimmed.slice(0, -suffix.length);
    }
  }
  return trimmed;
}
