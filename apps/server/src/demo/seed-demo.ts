import { sql } from 'drizzle-orm';
import { hashPin } from '../auth/secret-hash';
import { isLeadRole, unlockVerifierOf } from '../auth/unlock-verifier';
import { type Db, type Tx, queryRows } from '../db/database';
import * as t from '../db/schema';
import { demoSkus, type DemoSku } from './demo-catalogue';
import { seedHubDemo } from './seed-hub-demo';
import { seedInventoryDemo } from './seed-inventory-demo';
import { seedDeliveryDemo } from './seed-delivery-demo';
import { seedInboundDemo } from './seed-inbound-demo';
import { DEMO_WAREHOUSES, type DemoBin, demoBins } from './demo-layout';
import { seededRandom } from './seeded-random';

export const DEMO_PIN = '1234';

/** The demo people: badge barcodes printed at start, every PIN is DEMO_PIN. */
export const DEMO_USERS = [
  {
    id: 'u-gz-p1',
    warehouseId: 'GZ',
    name: 'Li Wei',
    role: 'picker',
    badge: 'P-0001',
    language: 'zh-CN',
  },
  {
    id: 'u-gz-p2',
    warehouseId: 'GZ',
    name: 'Zhang Min',
    role: 'picker',
    badge: 'P-0002',
    language: 'en',
  },
  {
    id: 'u-gz-s1',
    warehouseId: 'GZ',
    name: 'Wang Fang',
    role: 'supervisor',
    badge: 'S-0001',
    language: 'zh-CN',
  },
  {
    id: 'u-gz-a1',
    warehouseId: 'GZ',
    name: 'Chen Jie',
    role: 'admin',
    badge: 'A-0001',
    language: 'en',
    // The demo's one hub admin (006): backups, hub-wide rules, routing into any warehouse.
    hubAdmin: true,
  },
  {
    id: 'u-cd-p1',
    warehouseId: 'CD',
    name: 'Liu Yang',
    role: 'picker',
    badge: 'P-0003',
    language: 'zh-CN',
  },
  {
    id: 'u-cd-p2',
    warehouseId: 'CD',
    name: 'Zhao Lei',
    role: 'picker',
    badge: 'P-0004',
    language: 'en',
  },
  {
    id: 'u-cd-s1',
    warehouseId: 'CD',
    name: 'Huang Li',
    role: 'supervisor',
    badge: 'S-0002',
    language: 'zh-CN',
  },
] as const;

/** The demo waves: code, warehouse, assigned picker, number of orders. */
const DEMO_WAVES = [
  { code: 'B26-07', warehouseId: 'GZ', userId: 'u-gz-p1', orders: 18 },
  { code: 'B26-08', warehouseId: 'GZ', userId: 'u-gz-p2', orders: 16 },
  { code: 'B26-09', warehouseId: 'CD', userId: 'u-cd-p1', orders: 16 },
] as const;

const CHANNELS = ['taobao', 'douyin', 'pinduoduo', 'jd', 'mini-program', 'b2b-portal'];
// With a district and street address: without them no e-waybill service takes the parcel.
const DESTINATIONS = [
  ['广东省', '深圳市', '南山区', '科苑路15号讯美科技广场2栋1203'],
  ['浙江省', '杭州市', '西湖区', '文三路478号华星时代广场A座905'],
  ['四川省', '成都市', '武侯区', '天府大道北段1700号环球中心W6区1-1-302'],
  ['湖北省', '武汉市', '洪山区', '珞喻路1037号华中科技大学东校区西三舍'],
  ['江苏省', '南京市', '鼓楼区', '汉中路89号金鹰国际商城B座1602'],
  ['重庆市', '重庆市', '渝中区', '解放碑民族路188号环球金融中心31楼'],
  ['北京市', '北京市', '朝阳区', '建国路87号SKP写字楼12层'],
  ['福建省', '厦门市', '思明区', '鹭江道8号国际银行大厦2208'],
] as const;
const CONSIGNEES = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄强'];

/** Loads the demo warehouse into an empty database; does nothing if any warehouse exists. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(72410002)`);
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from warehouses`,
    );
    if ((row?.n ?? 0) > 0) return false;
    await seed(tx);
    return true;
  });
}

async function seed(tx: Tx) {
  const random = seededRandom(20261122);
  const skus = demoSkus();
  await tx.insert(t.warehouses).values([...DEMO_WAREHOUSES]);
  await tx
    .insert(t.skus)
    .values(skus.map(({ gtin14: _g, fragile: _f, ...sku }) => ({ ...sku, imageUrl: null })));
  await tx.insert(t.skuBarcodes).values(skus.map((s) => ({ barcode: s.gtin14, skuId: s.id })));
  const pinHash = await hashPin(DEMO_PIN);
  const unlockVerifier = await unlockVerifierOf(DEMO_PIN);
  await tx.insert(t.users).values(
    DEMO_USERS.map((u) => ({
      ...u,
      pinHash,
      unlockVerifier: isLeadRole(u.role) ? unlockVerifier : null,
    })),
  );
  for (const warehouse of DEMO_WAREHOUSES) {
    const bins = demoBins(warehouse.id);
    const zoneCodes = [...new Set(bins.map((b) => b.zone))];
    await tx.insert(t.zones).values(
      zoneCodes.map((code) => ({
        id: `${warehouse.id}:${code}`,
        warehouseId: warehouse.id,
        code,
        name: `Zone ${code}`,
      })),
    );
    await tx.insert(t.bins).values(bins);
    const homes = stockHomes(skus, bins);
    const stockRows = skus.map((s) => ({
      warehouseId: warehouse.id,
      binId: homes.get(s.id)?.id ?? '',
      skuId: s.id,
      qty: 20 + Math.floor(random() * 180),
    }));
    const reserves = reserveBins(skus, bins);
    // A reserve location per SKU, so that a short pick has somewhere to be reallocated to.
    stockRows.push(
      ...skus.map((s) => ({
        warehouseId: warehouse.id,
        binId: reserves.get(s.id)?.id ?? '',
        skuId: s.id,
        qty: RESERVE_QTY,
      })),
    );
    await tx.insert(t.stock).values(stockRows);
    await tx
      .insert(t.stockMovements)
      .values(stockRows.map((s) => ({ ...s, delta: s.qty, reason: 'initial' as const })));
    for (const wave of DEMO_WAVES.filter((w) => w.warehouseId === warehouse.id)) {
      await seedWave(tx, wave, skus, homes, random);
    }
  }
  await seedHubDemo(tx);
  await seedInventoryDemo(tx, new Date());
  await seedInboundDemo(tx, new Date()); // issue 23
  await seedDeliveryDemo(tx, new Date()); // issue 22: the health index's inputs
}

const RESERVE_QTY = 24;

/** Each SKU's reserve bin: half the layout away from its home bin, so never the same bin. */
function reserveBins(skus: readonly DemoSku[], bins: readonly DemoBin[]): Map<string, DemoBin> {
  const offset = Math.floor(bins.length / 2);
  return new Map(skus.map((s, i) => [s.id, bins[(i * 37 + offset) % bins.length] as DemoBin]));
}

/** Each SKU's pick face: one bin per warehouse, spread over the whole layout. */
function stockHomes(skus: readonly DemoSku[], bins: readonly DemoBin[]): Map<string, DemoBin> {
  return new Map(skus.map((s, i) => [s.id, bins[(i * 37) % bins.length] as DemoBin]));
}

async function seedWave(
  tx: Tx,
  wave: (typeof DEMO_WAVES)[number],
  skus: readonly DemoSku[],
  homes: Map<string, DemoBin>,
  random: () => number,
) {
  const waveId = `W-${wave.warehouseId}-${wave.code}`;
  await tx.insert(t.waves).values({
    id: waveId,
    warehouseId: wave.warehouseId,
    code: wave.code,
    status: 'open',
    assignedUserId: wave.userId,
    assignmentVersion: 1,
  });
  for (let o = 1; o <= wave.orders; o++) {
    const orderId = `SO-${wave.code}-${String(o).padStart(3, '0')}`;
    const [province, city, district, addressDetail] = pick(DESTINATIONS, random);
    await tx.insert(t.orders).values({
      id: orderId,
      warehouseId: wave.warehouseId,
      channel: pick(CHANNELS, random),
      channelOrderId: `${wave.code}${String(o).padStart(5, '0')}`,
      status: 'waved',
      consigneeName: pick(CONSIGNEES, random),
      province,
      city,
      district,
      addressDetail,
    });
    const lineCount = 1 + Math.floor(random() * 2);
    for (let l = 1; l <= lineCount; l++) {
      const sku = pick(skus, random);
      const bin = homes.get(sku.id);
      if (!bin) continue;
      const lineId = `${orderId}-${l}`;
      const qty = 1 + Math.floor(random() * 3);
      await tx.insert(t.orderLines).values({ id: lineId, orderId, skuId: sku.id, qty });
      await tx.insert(t.pickLines).values({
        id: `PL-${lineId}`,
        waveId,
        warehouseId: wave.warehouseId,
        orderId,
        orderLineId: lineId,
        skuId: sku.id,
        binId: bin.id,
        qty,
        status: 'open',
        note: sku.fragile ? '易碎,轻拿轻放 · fragile, handle gently' : null,
      });
    }
  }
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}
