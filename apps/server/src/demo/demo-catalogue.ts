import { gs1CheckDigit } from '@wms/protocol';

/** Base products of the demo: an auto-parts B2B line, apparel and baby goods (as in the seeds). */
const PRODUCTS: readonly [category: string, en: string, zh: string][] = [
  ['auto', 'Brake pad set', '刹车片套装'],
  ['auto', 'Oil filter', '机油滤清器'],
  ['auto', 'Spark plug', '火花塞'],
  ['auto', 'Wiper blade', '雨刮片'],
  ['auto', 'Air filter', '空气滤清器'],
  ['auto', 'Timing belt', '正时皮带'],
  ['auto', 'Headlamp bulb', '大灯灯泡'],
  ['auto', 'Shock absorber', '减震器'],
  ['auto', 'Engine assembly', '发动机总成'],
  ['auto', 'Radiator hose', '散热器水管'],
  ['apparel', 'Cotton T-shirt', '纯棉T恤'],
  ['apparel', 'Slim jeans', '修身牛仔裤'],
  ['apparel', 'Down jacket', '羽绒服'],
  ['apparel', 'Wool scarf', '羊毛围巾'],
  ['apparel', 'Running socks', '运动袜'],
  ['apparel', 'Hooded sweatshirt', '连帽卫衣'],
  ['baby', 'Diapers', '纸尿裤'],
  ['baby', 'Feeding bottle', '奶瓶'],
  ['baby', 'Baby wipes', '婴儿湿巾'],
  ['baby', 'Infant formula', '婴儿配方奶粉'],
  ['baby', 'Teether', '牙胶'],
  ['baby', 'Baby lotion', '婴儿润肤乳'],
  ['home', 'Glass teapot', '玻璃茶壶'],
  ['home', 'Ceramic bowl', '陶瓷碗'],
  ['home', 'Thermos flask', '保温杯'],
];

const VARIANTS: readonly [en: string, zh: string][] = [
  ['S', '小号'],
  ['M', '中号'],
  ['L', '大号'],
  ['XL', '加大号'],
  ['Pack of 2', '两件装'],
  ['Pack of 6', '六件装'],
  ['Black', '黑色'],
  ['White', '白色'],
  ['Grey', '灰色'],
  ['Blue', '蓝色'],
  ['Red', '红色'],
  ['Standard', '标准款'],
];

export interface DemoSku {
  id: string;
  name: string;
  nameZh: string;
  category: string;
  gtin14: string;
  fragile: boolean;
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  /** The fragile ones are checked before shipping. */
  qcRequired: boolean;
  /** Every 25th SKU is on pre-sale. */
  availableFrom: string | null;
}

/** 300 SKUs with valid GTIN-13 barcodes (prefix 690, China), stored as GTIN-14. */
export function demoSkus(): DemoSku[] {
  const skus: DemoSku[] = [];
  PRODUCTS.forEach(([category, en, zh], p) => {
    VARIANTS.forEach(([variantEn, variantZh], v) => {
      const n = p * VARIANTS.length + v + 1;
      const body = `690${String(1000 + p).padStart(4, '0')}${String(n).padStart(5, '0')}`;
      skus.push({
        id: `SKU-${String(n).padStart(5, '0')}`,
        name: `${en}, ${variantEn}`,
        nameZh: `${zh} ${variantZh}`,
        category,
        gtin14: `0${body}${gs1CheckDigit(body)}`,
        fragile: /teapot|bowl|bulb|bottle/i.test(en),
        weightGrams: 150 + ((n * 37) % 20) * 50,
        lengthMm: 100 + ((n * 13) % 10) * 20,
        widthMm: 80 + ((n * 7) % 8) * 15,
        heightMm: 40 + ((n * 11) % 6) * 20,
        qcRequired: /teapot|bowl|bulb|bottle/i.test(en),
        availableFrom: n % 25 === 0 ? '2027-01-15' : null,
      });
    });
  });
  return skus;
}
