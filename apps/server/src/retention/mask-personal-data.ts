import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

const BATCH = 2_000;

/** 张伟 → 张*, 欧阳娜娜 → 欧***: the family name's first character stays. */
const maskedName = (value: SQL) =>
  sql`case when ${value} is null then null
           else left(${value}, 1) || repeat('*', greatest(char_length(${value}) - 1, 1)) end`;

/** 13812345678 → 138****5678 (the carrier prefix and last four, as on a parcel label). */
const maskedPhone = (value: SQL) =>
  sql`case when ${value} is null then null
           when char_length(${value}) >= 8 then left(${value}, 3) || '****' || right(${value}, 4)
           else repeat('*', char_length(${value})) end`;

/** An ID number keeps its first six digits (the issuing region), nothing else. */
const maskedIdNumber = (value: SQL) =>
  sql`case when ${value} is null or ${value} = '' then ${value}
           else left(${value}, 6) || repeat('*', greatest(char_length(${value}) - 6, 0)) end`;

/** The street and door: nothing of them stays (province, city and district do, for region figures). */
const MASKED_DETAIL = '***';

/**
 * An order as the channel sent it (`orders.original`, `sku_reviews.input`), with its consignee
 * and street masked the same way as the columns.
 */
const maskedInput = (input: SQL) =>
  sql`case when ${input} is null then null
           else ${input} || jsonb_build_object(
             'consignee', coalesce(${input}->'consignee', '{}'::jsonb) || jsonb_strip_nulls(jsonb_build_object(
               'name', ${maskedName(sql`(${input}->'consignee'->>'name')`)},
               'phone', ${maskedPhone(sql`(${input}->'consignee'->>'phone')`)},
               'idNumber', ${maskedIdNumber(sql`(${input}->'consignee'->>'idNumber')`)})),
             'address', (coalesce(${input}->'address', '{}'::jsonb) - 'text')
                        || jsonb_build_object('detail', ${MASKED_DETAIL}::text)) end`;

/**
 * Masks the consignee's name, phone, ID number and street (in the columns and in the order as
 * sent) on orders shipped or cancelled before `cutoff` (default 30 days: past the return
 * window), in batches; sets `masked_at`. What stays and why: province, city and district (the
 * destination heat map, routing figures), the phone's prefix and last four and the ID's region
 * (what a person matching a parcel reads), the customer id (the channel's pseudonym, which the
 * same-customer rule uses). Dedup and holds compare orders within minutes or a day, never 30
 * days apart, so masking old orders changes none of their answers. Returns the orders masked.
 */
export async function maskPersonalData(db: Db, cutoff: Date, now: Date): Promise<number> {
  const before = cutoff.toISOString();
  let masked = 0;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with due as (
            select o.id from orders o
            where o.masked_at is null and o.created_at < ${before}::timestamptz
              and (o.status = 'cancelled'
                   or (o.status = 'shipped'
                       and coalesce((select max(e.at) from order_events e
                                     where e.order_id = o.id and e.kind = 'shipped'),
                                    o.created_at) < ${before}::timestamptz))
            order by o.created_at limit ${BATCH}
            for update of o skip locked
          ), done as (
            update orders o set
              consignee_name = ${maskedName(sql`o.consignee_name`)},
              phone = ${maskedPhone(sql`o.phone`)},
              id_number = ${maskedIdNumber(sql`o.id_number`)},
              address_detail = case when o.address_detail is null then null else ${MASKED_DETAIL} end,
              original = ${maskedInput(sql`o.original`)},
              masked_at = ${now.toISOString()}::timestamptz
            from due where o.id = due.id
            returning 1
          )
          select count(*)::int as n from done`,
    );
    const n = Number(row?.n ?? 0);
    masked += n;
    if (n < BATCH) break;
  }
  // Orders waiting on unmapped SKU codes carry the order as sent.
  await queryRows(
    db,
    sql`update sku_reviews set input = ${maskedInput(sql`input`)}
        where received_at < ${before}::timestamptz
          and input->'address'->>'detail' is distinct from ${MASKED_DETAIL}`,
  );
  return masked;
}
