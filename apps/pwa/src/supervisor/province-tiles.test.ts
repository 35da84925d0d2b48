import { describe, expect, it } from 'vitest';
import { PROVINCE_TILES, tileCounts } from './province-tiles';

describe('the province tile grid', () => {
  it('has one tile for each of the 34 divisions, no two on one square', () => {
    expect(PROVINCE_TILES).toHaveLength(34);
    expect(new Set(PROVINCE_TILES.map((t) => `${t.col},${t.row}`)).size).toBe(34);
  });

  it('counts full names on their tile and keeps unknown destinations apart', () => {
    const { tiles, others, max } = tileCounts([
      { province: '广东省', orders: 7 },
      { province: '广西壮族自治区', orders: 2 },
      { province: '内蒙古自治区', orders: 1 },
      { province: '重庆市', orders: 3 },
      { province: '未知', orders: 1 },
    ]);
    const count = (zh: string) => tiles.find((t) => t.tile.zh === zh)?.orders;
    expect([count('广东'), count('广西'), count('内蒙古'), count('重庆'), count('北京')]).toEqual([
      7, 2, 1, 3, 0,
    ]);
    expect(others).toEqual([{ province: '未知', orders: 1 }]);
    expect(max).toBe(7);
  });
});
