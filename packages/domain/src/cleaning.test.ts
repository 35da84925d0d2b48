import { describe, expect, it } from 'vitest';
import { cleanAddress, cleanConsigneeName, cleanMobile } from './cleaning';

describe('cleanMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['12800138000', null],
    ['1380013800', null],
    ['020-12345678', null],
  ])('%s → %s', (raw, clean) => expect(cleanMobile(raw)).toBe(clean));
});

describe('cleanConsigneeName', () => {
  it.each([
    ['  王 芳 ', '王芳'],
    ['Li   Wei', 'Li Wei'],
    ['欧阳 娜娜', '欧阳娜娜'],
  ])('%s → %s', (raw, clean) => expect(cleanConsigneeName(raw)).toBe(clean));
});

describe('cleanAddress', () => {
  it.each([
    ['浙江省', '杭州市', '浙江省', '杭州市', 'east'],
    ['浙江', '杭州', '浙江省', '杭州市', 'east'],
    ['浙江省', '杭州', '浙江省', '杭州市', 'east'],
    ['', '杭州', '浙江省', '杭州市', 'east'],
    ['四川', '成都', '四川省', '成都市', 'south-west'],
    ['重庆', '重庆', '重庆市', '重庆市', 'south-west'],
    ['湖北', '武汉市', '湖北省', '武汉市', 'central'],
    ['广西', '南宁', '广西壮族自治区', '南宁市', 'south'],
  ])('%s %s → %s %s (%s)', (province, city, p, c, group) => {
    const clean = cleanAddress(province, city, '萧山区');
    expect([clean.province, clean.city, clean.group, clean.recognised]).toEqual([
      p,
      c,
      group,
      true,
    ]);
  });

  it('keeps an unknown place as sent, marked unrecognised', () => {
    expect(cleanAddress('火星', '奥林帕斯', ' 一区 ')).toEqual({
      province: '火星',
      city: '奥林帕斯',
      district: '一区',
      group: null,
      recognised: false,
    });
  });
});
