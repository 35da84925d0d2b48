import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

/** Orders masked per transaction (each rewrites the order as sent, too). */
const BATCH = 5_000;

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
                   -- Shipped before the cutoff: no shipment of it since (only the months
                   -- since the cutoff of the timeline are read, through their partitions).
                   or (o.status = 'shipped'
                       and not exists (select 1 from order_events e
                                       where e.order_id = o.id and e.kind = 'shipped'
                                         and e.at >= ${before}::timestamptz)))
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
  await maskAddressCopies(db);
  // Orders waiting on unmapped SKU codes carry the order as sent.
  await queryRows(
    db,
    sql`update sku_reviews set input = ${maskedInput(sql`input`)}
        where received_at < ${before}::timestamptz
          and input->'address'->>'detail' is distinct from ${MASKED_DETAIL}`,
  );
  return masked;
}

/** The keys of trace steps and webhook payloads that hold a whole address as one line. */
const ADDRESS_KEYS = ['from', 'to', 'kept', 'newAddress'];

/** A JSON object with each address key it has replaced by the mask. */
const maskedKeys = (doc: SQL) =>
  sql`${doc} || coalesce((select jsonb_object_agg(k, ${MASKED_DETAIL}::text)
                          from jsonb_object_keys(${doc}) k
                          where k in (${sql.join(
                            ADDRESS_KEYS.map((k) => sql`${k}`),
                            sql`, `,
                          )})), '{}'::jsonb)`;

/**
 * Copies of a masked order's addresses kept beside it (issue 25): the customer's address change
 * requests (issue 21), the trace steps of changes, and the webhook messages that announced them
 * (kept for the webhook log's 90 days, longer than the 30 before masking). Each is masked once its
 * order is; the mask is the same `***` as the order's street.
 */
async function maskAddressCopies(db: Db): Promise<void> {
  await db.execute(sql`
    update address_change_requests r
    set new_address = (r.new_address - 'text') || jsonb_build_object('detail', ${MASKED_DETAIL}::text)
    from orders o
    where o.id = r.order_id and o.masked_at is not null
      and r.new_address->>'detail' is distinct from ${MASKED_DETAIL}`);
  await db.execute(sql`
    update order_events e set detail = ${maskedKeys(sql`e.detail`)}
    from orders o
    where o.id = e.order_id and o.masked_at is not null
      and e.kind in ('address-changed', 'address-confirmation-requested',
                     'address-change-rejected', 'address-change')
      and exists (select 1 from jsonb_each_text(e.detail) d
                  where d.key in (${sql.join(
                    ADDRESS_KEYS.map((k) => sql`${k}`),
                    sql`, `,
                  )}) and d.value <> ${MASKED_DETAIL})`);
  // A message is the envelope as delivered ({ id, type, timestamp, data }): the address is in data.
  await db.execute(sql`
    update webhook_messages m
    set payload = jsonb_set(m.payload, '{data}', ${maskedKeys(sql`(m.payload->'data')`)})
    from orders o
    where o.id = m.order_id and o.masked_at is not null
      and m.type in ('order.address-changed', 'order.address-confirmation-requested')
      and jsonb_typeof(m.payload->'data') = 'object'
      and exists (select 1 from jsonb_each_text(m.payload->'data') d
                  where d.key in (${sql.join(
                    ADDRESS_KEYS.map((k) => sql`${k}`),
                    sql`, `,
                  )}) and d.value <> ${MASKED_DETAIL})`);
}
