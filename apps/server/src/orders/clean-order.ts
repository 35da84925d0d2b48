import {
  cleanConsigneeName,
  cleanIdNumber,
  cleanPhone,
  type HoldHit,
  type OrderFacts,
} from '@wms/domain';
import type { FieldError, OrderInput } from '@wms/protocol';
import { inArray } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { skus } from '../db/schema';
import { badRequest } from '../http/api-error';
import { cleanOrderAddress } from '../regions/clean-order-address';

/** An order after cleaning, with the facts the rules read. */
export interface CleanOrder {
  input: OrderInput;
  consigneeName: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  /** The street part, without spaces and full-width digits (what M4.5 compares). */
  detail: string;
  /** The ID number in its one spelling (upper-case X), or null when none was sent. */
  idNumber: string | null;
  /** Findings that need a person before the order goes on (an ambiguous address…). */
  reviews: HoldHit[];
  facts: OrderFacts;
  /** What cleaning changed, field by field, for the timeline: `{ city: ['杭州', '杭州市'] }`. */
  changes: Record<string, [string, string]>;
}

/** What cleaning reads of a SKU. */
export interface SkuFacts {
  category: string;
  costCents: number | null;
  /** A pre-sale SKU's first day it can ship (issue 21), else null. */
  availableFrom?: string | null;
}

/** The SKUs of some orders' lines, read in one query (an unknown id is simply absent). */
export async function loadSkuFacts(
  tx: Tx,
  skuIds: Iterable<string>,
): Promise<Map<string, SkuFacts>> {
  const ids = [...new Set(skuIds)];
  if (ids.length === 0) return new Map();
  const known = await tx
    .select({
      id: skus.id,
      category: skus.category,
      costCents: skus.costCents,
      availableFrom: skus.availableFrom,
    })
    .from(skus)
    .where(inArray(skus.id, ids));
  return new Map(
    known.map((s) => [
      s.id,
      { category: s.category, costCents: s.costCents, availableFrom: s.availableFrom },
    ]),
  );
}

/**
 * Cleans name, phone and region (M3.2) with the SKUs already looked up. Anything that cannot be
 * cleaned or found is a 400 naming every field at fault; nothing is stored.
 */
export function cleanOrder(input: OrderInput, byId: ReadonlyMap<string, SkuFacts>): CleanOrder {
  const phone = cleanPhone(input.consignee.phone)?.number ?? null;
  const sentId = input.consignee.idNumber || null;
  const idNumber = sentId === null ? null : cleanIdNumber(sentId);
  const fields: FieldError[] = input.lines.flatMap((l, i) =>
    byId.has(l.skuId)
      ? []
      : [
          {
            path: `lines.${i}.skuId`,
            message: `no SKU ${l.skuId}: check the channel's SKU mapping`,
          },
        ],
  );
  if (sentId !== null && idNumber === null) {
    fields.unshift({
      path: 'consignee.idNumber',
      message: `${sentId} is not a resident ID number (18 characters, the last a check digit or X)`,
    });
  }
  if (!phone) {
    fields.unshift({
      path: 'consignee.phone',
      message: `${input.consignee.phone} is neither a Chinese mobile number (11 digits starting 13–19) nor a landline with its area code (0571-88881234)`,
    });
  }
  if (fields.length > 0 || !phone) {
    throw badRequest(fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
  }
  const address = cleanOrderAddress(input.address);
  const consigneeName = cleanConsigneeName(input.consignee.name);
  const changes: Record<string, [string, string]> = {};
  const note = (field: string, before: string, after: string) => {
    if (before !== after) changes[field] = [before, after];
  };
  note('consignee.name', input.consignee.name, consigneeName);
  note('consignee.phone', input.consignee.phone, phone);
  note('address.province', input.address.province, address.province);
  note('address.city', input.address.city, address.city);
  note('address.district', input.address.district, address.district);
  note('address.detail', input.address.detail, address.detail);
  if (sentId !== null && idNumber !== null) note('consignee.idNumber', sentId, idNumber);
  return {
    input,
    consigneeName,
    phone,
    province: address.province,
    city: address.city,
    district: address.district,
    detail: address.detail,
    idNumber,
    reviews: address.review
      ? [{ kind: 'address-review', action: 'hold', evidence: address.review }]
      : [],
    changes,
    facts: {
      channel: input.channel,
      province: address.province,
      city: address.city,
      district: address.district,
      addressText: `${address.province}${address.city}${address.district}${address.detail}`,
      regionGroup: address.group,
      paidCents: input.paidCents,
      vip: input.vip,
      lines: input.lines.map((l) => ({
        ...l,
        category: byId.get(l.skuId)?.category ?? '',
        costCents: byId.get(l.skuId)?.costCents ?? null,
      })),
    },
  };
}
