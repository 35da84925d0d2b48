import type { ProvinceDivision } from './division-index';

const city = (code: string, name: string, districts: Record<string, string> = {}) => ({
  code,
  name,
  districts: Object.entries(districts).map(([c, n]) => ({ code: c, name: n })),
});

/**
 * A slice of the GB/T 2260 table for the domain's own tests (the server loads the whole table):
 * the names that collide across provinces (朝阳, 通州, 南山) and each shape of division.
 */
export const SAMPLE_DIVISIONS: readonly ProvinceDivision[] = [
  {
    code: '110000',
    name: '北京市',
    cities: [city('110000', '北京市', { 110105: '朝阳区', 110108: '海淀区', 110112: '通州区' })],
  },
  {
    code: '500000',
    name: '重庆市',
    cities: [city('500000', '重庆市', { 500103: '渝中区', 500240: '石柱土家族自治县' })],
  },
  { code: '140000', name: '山西省', cities: [city('140700', '晋中市', { 140702: '榆次区' })] },
  {
    code: '150000',
    name: '内蒙古自治区',
    cities: [city('152900', '阿拉善盟', { 152921: '阿拉善左旗' })],
  },
  {
    code: '210000',
    name: '辽宁省',
    cities: [city('211300', '朝阳市', { 211302: '双塔区', 211321: '朝阳县' })],
  },
  { code: '220000', name: '吉林省', cities: [city('220100', '长春市', { 220104: '朝阳区' })] },
  { code: '230000', name: '黑龙江省', cities: [city('230400', '鹤岗市', { 230404: '南山区' })] },
  { code: '320000', name: '江苏省', cities: [city('320600', '南通市', { 320612: '通州区' })] },
  {
    code: '330000',
    name: '浙江省',
    cities: [
      city('330100', '杭州市', { 330106: '西湖区', 330108: '滨江区', 330109: '萧山区' }),
      city('330500', '湖州市', { 330502: '吴兴区' }),
      city('330700', '金华市', { 330782: '义乌市' }),
    ],
  },
  {
    code: '420000',
    name: '湖北省',
    cities: [city('420100', '武汉市', { 420103: '江汉区' }), city('429004', '仙桃市')],
  },
  {
    code: '440000',
    name: '广东省',
    cities: [
      city('440100', '广州市', { 440106: '天河区' }),
      city('440300', '深圳市', { 440305: '南山区' }),
      city('441900', '东莞市'),
      city('442000', '中山市'),
    ],
  },
  {
    code: '450000',
    name: '广西壮族自治区',
    cities: [city('450100', '南宁市', { 450103: '青秀区' })],
  },
  { code: '510000', name: '四川省', cities: [city('510100', '成都市', { 510107: '武侯区' })] },
  {
    code: '530000',
    name: '云南省',
    cities: [city('532900', '大理白族自治州', { 532901: '大理市' })],
  },
];
