import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { seedOrderChangesDemoIfMissing } from './seed-order-changes-demo';

describe.each(testDatabases().slice(0, 1))("issue 21's demo on $name", (target) => {
  const fx = aSeededAppPerFile(target);

  it('has a return, an exchange linked to it and a held pre-sale order, loaded once', async () => {
    await seedOrderChangesDemoIfMissing(fx.database.db, new Date());
    await seedOrderChangesDemoIfMissing(fx.database.db, new Date());
    const rows = await queryRows<{
      id: string;
      type: string;
      status: string;
      linked: string | null;
      holds: string[];
    }>(
      fx.database.db,
      sql`select c.channel_order_id as id, o.order_type as type, o.status,
                 (select c2.channel_order_id from orders o2 join channel_orders c2 on c2.order_id = o2.id
                  where o2.id = o.original_order_id) as linked,
                 coalesce((select jsonb_agg(h.kind) from order_holds h
                           where h.order_id = o.id and h.status = 'open'), '[]'::jsonb) as holds
          from channel_orders c join orders o on o.id = c.order_id
          where c.channel_order_id like 'MP-DEMO-%-21' order by c.channel_order_id`,
    );
    expect(rows).toEqual([
      {
        id: 'MP-DEMO-EXCHANGE-21',
        type: 'exchange',
        status: 'received',
        linked: 'MP-DEMO-RETURN-21',
        holds: [],
      },
      { id: 'MP-DEMO-PRESALE-21', type: 'sale', status: 'held', linked: null, holds: ['presale'] },
      {
        id: 'MP-DEMO-RETURN-21',
        type: 'return',
        status: 'awaiting-return',
        linked: 'MP-DEMO-SALE-21',
        holds: [],
      },
      { id: 'MP-DEMO-SALE-21', type: 'sale', status: 'received', linked: null, holds: [] },
    ]);
  });
});
