/**
 * China's provincial-level divisions as a tile grid: one square per division in its rough place
 * (column, row), east to the right, north at the top. A tile grid is not a drawn outline map, so
 * it needs no map approval (审图号) and no map data: it is drawn with CSS, offline.
 */
export interface ProvinceTile {
  /** The name as addresses start with it (`广东` matches `广东省`). */
  zh: string;
  en: string;
  col: number;
  row: number;
}

export const PROVINCE_TILES: readonly ProvinceTile[] = [
  { zh: '黑龙江', en: 'Heilongjiang', col: 7, row: 0 },
  { zh: '新疆', en: 'Xinjiang', col: 0, row: 1 },
  { zh: '内蒙古', en: 'Inner Mongolia', col: 4, row: 1 },
  { zh: '北京', en: 'Beijing', col: 5, row: 1 },
  { zh: '辽宁', en: 'Liaoning', col: 6, row: 1 },
  { zh: '吉林', en: 'Jilin', col: 7, row: 1 },
  { zh: '青海', en: 'Qinghai', col: 1, row: 2 },
  { zh: '甘肃', en: 'Gansu', col: 2, row: 2 },
  { zh: '宁夏', en: 'Ningxia', col: 3, row: 2 },
  { zh: '山西', en: 'Shanxi', col: 4, row: 2 },
  { zh: '河北', en: 'Hebei', col: 5, row: 2 },
  { zh: '天津', en: 'Tianjin', col: 6, row: 2 },
  { zh: '西藏', en: 'Tibet', col: 1, row: 3 },
  { zh: '四川', en: 'Sichuan', col: 2, row: 3 },
  { zh: '陕西', en: 'Shaanxi', col: 3, row: 3 },
  { zh: '河南', en: 'Henan', col: 4, row: 3 },
  { zh: '山东', en: 'Shandong', col: 5, row: 3 },
  { zh: '重庆', en: 'Chongqing', col: 3, row: 4 },
  { zh: '湖北', en: 'Hubei', col: 4, row: 4 },
  { zh: '安徽', en: 'Anhui', col: 5, row: 4 },
  { zh: '江苏', en: 'Jiangsu', col: 6, row: 4 },
  { zh: '上海', en: 'Shanghai', col: 7, row: 4 },
  { zh: '云南', en: 'Yunnan', col: 2, row: 5 },
  { zh: '贵州', en: 'Guizhou', col: 3, row: 5 },
  { zh: '湖南', en: 'Hunan', col: 4, row: 5 },
  { zh: '江西', en: 'Jiangxi', col: 5, row: 5 },
  { zh: '浙江', en: 'Zhejiang', col: 6, row: 5 },
  { zh: '广西', en: 'Guangxi', col: 3, row: 6 },
  { zh: '广东', en: 'Guangdong', col: 4, row: 6 },
  { zh: '福建', en: 'Fujian', col: 5, row: 6 },
  { zh: '台湾', en: 'Taiwan', col: 6, row: 6 },
  { zh: '海南', en: 'Hainan', col: 3, row: 7 },
  { zh: '澳门', en: 'Macao', col: 4, row: 7 },
  { zh: '香港', en: 'Hong Kong', col: 5, row: 7 },
];

export interface TileCount {
  tile: ProvinceTile;
  orders: number;
}

/**
 * Order counts per tile from the board's provinces (`广东省`, `广西壮族自治区`…); destinations
 * that match no tile are returned apart, so no order is silently left off the map.
 *
 * @example
 * tileCounts([{ province: '广东省', orders: 5 }, { province: '?', orders: 1 }]).others
 * // → [{ province: '?', orders: 1 }]
 */
export function tileCounts(provinces: readonly { province: string; orders: number }[]) {
  const counts = new Map<ProvinceTile, number>();
  const others: { province: string; orders: number }[] = [];
  for (const p of provinces) {
    const tile = PROVINCE_TILES.find((t) => p.province.trim().startsWith(t.zh));
    if (tile) counts.set(tile, (counts.get(tile) ?? 0) + p.orders);
    else others.push(p);
  }
  const tiles: TileCount[] = PROVINCE_TILES.map((tile) => ({
    tile,
    orders: counts.get(tile) ?? 0,
  }));
  return { tiles, others, max: Math.max(1, ...tiles.map((t) => t.orders)) };
}
