import { describe, expect, it } from 'vitest';
import { buildDivisionIndex } from './division-index';
import { cleanAddress } from './resolve-address';
import { SAMPLE_DIVISIONS } from './sample-divisions';
import { splitAddress } from './split-address';

const index = buildDivisionIndex(SAMPLE_DIVISIONS);
const clean = (province: string, city: string, district: string) =>
  cleanAddress(index, { province, city, district });
const region = (a: { province: string; city: string; district: string }) =>
  `${a.province}|${a.city}|${a.district}`;

describe('cleanAddress', () => {
  it.each([
    ['浙江省', '杭州市', '滨江区', '浙江省|杭州市|滨江区'],
    ['浙江', '杭州', '滨江', '浙江省|杭州市|滨江区'],
    ['', '杭州', '滨江', '浙江省|杭州市|滨江区'],
    ['', '', '滨江区', '浙江省|杭州市|滨江区'],
    ['浙江', '湖州', '', '浙江省|湖州市|'],
    ['山西', '晋中', '榆次', '山西省|晋中市|榆次区'],
    ['北京', '北京', '朝阳', '北京市|北京市|朝阳区'],
    ['北京市', '市辖区', '朝阳区', '北京市|北京市|朝阳区'],
    ['', '北京', '朝阳区', '北京市|北京市|朝阳区'],
    ['吉林', '长春', '朝阳区', '吉林省|长春市|朝阳区'],
    ['辽宁', '朝阳', '朝阳县', '辽宁省|朝阳市|朝阳县'],
    ['重庆', '重庆', '石柱', '重庆市|重庆市|石柱土家族自治县'],
    ['内蒙古', '阿拉善', '阿拉善左旗', '内蒙古自治区|阿拉善盟|阿拉善左旗'],
    ['广西', '南宁', '青秀', '广西壮族自治区|南宁市|青秀区'],
    ['云南', '大理', '大理市', '云南省|大理白族自治州|大理市'],
    ['湖北', '仙桃', '', '湖北省|仙桃市|'],
    ['广东', '东莞', '长安镇', '广东省|东莞市|长安镇'],
    ['', '', '义乌市', '浙江省|金华市|义乌市'],
  ])('%s %s %s → %s', (province, city, district, expected) => {
    const a = clean(province, city, district);
    expect([region(a), a.recognised, a.ambiguous]).toEqual([expected, true, undefined]);
  });

  it('gives the region group of the province', () => {
    expect(clean('四川', '成都', '武侯').group).toBe('south-west');
  });

  it('flags 朝阳区 with no city for review: it is in Beijing and in Changchun', () => {
    expect(clean('', '', '朝阳区')).toEqual({
      province: '',
      city: '',
      district: '朝阳区',
      group: null,
      recognised: false,
      ambiguous: {
        field: 'district',
        name: '朝阳区',
        candidates: ['北京市 朝阳区', '吉林省 长春市 朝阳区'],
      },
    });
  });

  it('flags 通州区 and 南山区 with no parent, and settles them by the city', () => {
    expect(clean('', '', '通州').ambiguous?.candidates).toEqual([
      '北京市 通州区',
      '江苏省 南通市 通州区',
    ]);
    expect(clean('', '', '南山区').ambiguous?.candidates).toHaveLength(2);
    expect(region(clean('', '深圳', '南山区'))).toBe('广东省|深圳市|南山区');
    expect(region(clean('', '南通', '通州'))).toBe('江苏省|南通市|通州区');
  });

  it('keeps an unknown place as sent, marked unrecognised', () => {
    expect(clean('火星', '奥林帕斯', ' 一区 ')).toEqual({
      province: '火星',
      city: '奥林帕斯',
      district: '一区',
      group: null,
      recognised: false,
    });
  });

  it('keeps a district that is not in the city as sent', () => {
    expect(region(clean('浙江', '杭州', '南山区'))).toBe('浙江省|杭州市|南山区');
  });
});

describe('splitAddress', () => {
  it.each([
    ['浙江省杭州市西湖区文三路 90 号', '浙江省|杭州市|西湖区', '文三路90号'],
    ['杭州市西湖区文三路90号', '浙江省|杭州市|西湖区', '文三路90号'],
    ['杭州西湖区文三路90号', '浙江省|杭州市|西湖区', '文三路90号'],
    ['浙江 杭州 滨江 江南大道 3850 号', '浙江省|杭州市|滨江区', '江南大道3850号'],
    ['北京市朝阳区建国路 88 号', '北京市|北京市|朝阳区', '建国路88号'],
    ['北京北京市海淀区中关村大街 27 号', '北京市|北京市|海淀区', '中关村大街27号'],
    ['吉林省长春市朝阳区人民大街 5988 号', '吉林省|长春市|朝阳区', '人民大街5988号'],
    ['辽宁省朝阳市双塔区朝阳大街 2 段', '辽宁省|朝阳市|双塔区', '朝阳大街2段'],
    ['广西南宁青秀区民族大道 100 号', '广西壮族自治区|南宁市|青秀区', '民族大道100号'],
    ['浙江义乌市稠城街道工人北路 1 号', '浙江省|金华市|义乌市', '稠城街道工人北路1号'],
    ['广东省东莞市长安镇长青路 9 号', '广东省|东莞市|', '长安镇长青路9号'],
  ])('%s → %s + %s', (text, expected, street) => {
    const a = splitAddress(index, text);
    expect([region(a), a.street, a.recognised]).toEqual([expected, street, true]);
  });

  it('flags 朝阳区 at the start of a line with no city', () => {
    const a = splitAddress(index, '朝阳区建国路 88 号');
    expect([a.ambiguous?.field, a.ambiguous?.candidates.length, a.street]).toEqual([
      'district',
      2,
      '建国路88号',
    ]);
  });

  it('does not read a street named after a city as the city', () => {
    expect(splitAddress(index, '中山路 8 号')).toMatchObject({
      province: '',
      city: '',
      district: '',
      recognised: false,
      street: '中山路8号',
    });
  });
});
