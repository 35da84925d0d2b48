import { cleanAddress, splitAddress } from '@wms/domain';
import { describe, expect, it } from 'vitest';
import { divisionIndex } from './division-table';

const region = (a: { province: string; city: string; district: string }) =>
  `${a.province} ${a.city} ${a.district}`;

/** Real addresses (public buildings, stations, universities) in each of the 31 mainland divisions. */
const ONE_LINE_ADDRESSES: [string, string][] = [
  ['北京市东城区东长安街 16 号', '北京市 北京市 东城区'],
  ['天津市和平区南京路 189 号', '天津市 天津市 和平区'],
  ['河北省石家庄市长安区中山东路 39 号', '河北省 石家庄市 长安区'],
  ['山西省晋中市榆次区迎宾西街 1 号', '山西省 晋中市 榆次区'],
  ['内蒙古呼和浩特市赛罕区大学西街 235 号', '内蒙古自治区 呼和浩特市 赛罕区'],
  ['辽宁省沈阳市和平区中华路 56 号', '辽宁省 沈阳市 和平区'],
  ['吉林省长春市朝阳区人民大街 5988 号', '吉林省 长春市 朝阳区'],
  ['黑龙江省哈尔滨市南岗区西大直街 92 号', '黑龙江省 哈尔滨市 南岗区'],
  ['上海市浦东新区世纪大道 100 号', '上海市 上海市 浦东新区'],
  ['江苏省南京市玄武区中山路 321 号', '江苏省 南京市 玄武区'],
  ['浙江省杭州市西湖区文三路 90 号', '浙江省 杭州市 西湖区'],
  ['安徽省合肥市蜀山区长江西路 130 号', '安徽省 合肥市 蜀山区'],
  ['福建省厦门市思明区思明南路 422 号', '福建省 厦门市 思明区'],
  ['江西省南昌市东湖区八一大道 357 号', '江西省 南昌市 东湖区'],
  ['山东省青岛市市南区香港中路 76 号', '山东省 青岛市 市南区'],
  ['河南省郑州市金水区花园路 18 号', '河南省 郑州市 金水区'],
  ['湖北省武汉市武昌区八一路 299 号', '湖北省 武汉市 武昌区'],
  ['湖南省长沙市岳麓区麓山南路 932 号', '湖南省 长沙市 岳麓区'],
  ['广东省深圳市南山区深南大道 10000 号', '广东省 深圳市 南山区'],
  ['广西壮族自治区南宁市青秀区民族大道 100 号', '广西壮族自治区 南宁市 青秀区'],
  ['海南省海口市美兰区人民大道 58 号', '海南省 海口市 美兰区'],
  ['重庆市渝中区人民路 173 号', '重庆市 重庆市 渝中区'],
  ['四川省成都市武侯区一环路南一段 24 号', '四川省 成都市 武侯区'],
  ['贵州省贵阳市云岩区宝山北路 1 号', '贵州省 贵阳市 云岩区'],
  ['云南省大理白族自治州大理市人民路 100 号', '云南省 大理白族自治州 大理市'],
  ['西藏自治区拉萨市城关区北京中路 1 号', '西藏自治区 拉萨市 城关区'],
  ['陕西省西安市雁塔区大雁塔南广场', '陕西省 西安市 雁塔区'],
  ['甘肃省兰州市城关区天水南路 222 号', '甘肃省 兰州市 城关区'],
  ['青海省西宁市城西区五四西路 1 号', '青海省 西宁市 城西区'],
  ['宁夏银川市金凤区北京中路 1 号', '宁夏回族自治区 银川市 金凤区'],
  ['新疆乌鲁木齐市天山区解放北路 1 号', '新疆维吾尔自治区 乌鲁木齐市 天山区'],
];

describe('the GB/T 2260 division table', () => {
  const index = divisionIndex();

  it('holds every province-level division, the prefecture cities and the counties', () => {
    expect(index.provinces.filter((p) => p.cities.length > 0)).toHaveLength(33);
    const cities = index.provinces.flatMap((p) => p.cities);
    expect(cities.length).toBeGreaterThan(360);
    expect(cities.flatMap((c) => c.districts).length).toBeGreaterThan(2800);
  });

  it.each(ONE_LINE_ADDRESSES)('splits %s into %s', (text, expected) => {
    const a = splitAddress(index, text);
    expect([region(a), a.recognised, a.ambiguous]).toEqual([expected, true, undefined]);
  });

  it.each([
    ['', '湖州', '吴兴', '浙江省 湖州市 吴兴区'],
    ['山西', '晋中', '太谷', '山西省 晋中市 太谷区'],
    ['', '杭州', '滨江', '浙江省 杭州市 滨江区'],
    ['新疆', '伊犁', '伊宁市', '新疆维吾尔自治区 伊犁哈萨克自治州 伊宁市'],
    ['湖南', '湘西', '吉首', '湖南省 湘西土家族苗族自治州 吉首市'],
    ['内蒙', '锡林郭勒', '锡林浩特', '内蒙古自治区 锡林郭勒盟 锡林浩特市'],
    ['湖北', '襄樊', '樊城', '湖北省 襄阳市 樊城区'],
    ['辽宁', '朝阳', '双塔', '辽宁省 朝阳市 双塔区'],
    ['北京', '北京', '朝阳', '北京市 北京市 朝阳区'],
    ['海南', '儋州', '', '海南省 儋州市 '],
  ])('cleans %s %s %s to %s', (province, city, district, expected) => {
    const a = cleanAddress(index, { province, city, district });
    expect([region(a), a.recognised]).toEqual([expected, true]);
  });

  it('flags 朝阳区 with no parent: Beijing and Changchun both have one', () => {
    expect(cleanAddress(index, { province: '', city: '', district: '朝阳区' }).ambiguous).toEqual({
      field: 'district',
      name: '朝阳区',
      candidates: ['北京市 朝阳区', '吉林省 长春市 朝阳区'],
    });
  });
});
