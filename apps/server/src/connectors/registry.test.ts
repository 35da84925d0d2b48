import { describe, expect, it } from 'vitest';
import { PLATFORM_ADAPTERS, adapterFor, platformAdapters } from './registry';

describe('the platforms a connector can be added for', () => {
  it('has 微信小店 and 淘宝/天猫, each taking its orders in as its channel', () => {
    expect(Object.keys(PLATFORM_ADAPTERS).sort()).toEqual(['taobao', 'wechat-shop']);
    expect(adapterFor(PLATFORM_ADAPTERS, 'wechat-shop')?.channelOf('wx5f1c2d3e4a5b6c7d')).toBe(
      'wechat-shop',
    );
    expect(adapterFor(PLATFORM_ADAPTERS, 'taobao')?.channelOf('良品母婴旗舰店')).toBe('taobao');
    expect(adapterFor(PLATFORM_ADAPTERS, 'douyin')).toBeNull();
  });

  it('takes the TMALL_SHOPS nicks in as tmall, every other TOP shop as taobao', () => {
    const registry = platformAdapters({ tmallShops: ['良品母婴旗舰店'] });
    const top = adapterFor(registry, 'taobao');
    expect([top?.channelOf('良品母婴旗舰店'), top?.channelOf('小林杂货铺')]).toEqual([
      'tmall',
      'taobao',
    ]);
  });
});
