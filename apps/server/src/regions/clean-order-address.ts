import { type CleanAddress, cleanAddress, splitAddress } from '@wms/domain';
import type { OrderInput } from '@wms/protocol';
import { divisionIndex } from './division-table';

/** An order's address cleaned: region in full official names, the rest in one spelling. */
export interface CleanOrderAddress extends CleanAddress {
  detail: string;
  /** Why the address needs a person (a name that fits several places, a line that would not split). */
  review: string | null;
}

const halfWidth = (s: string) =>
  s.replace(/[０-９Ａ-Ｚａ-ｚ－＃]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * Cleans an order's address, given as fields or as one line of text, against the whole GB/T 2260
 * table. The detail loses full-width digits and the spaces beside Chinese characters so that
 * "文三路 90 号" and "文三路９０号" are the same address for the same-address rule (M4.5).
 */
export function cleanOrderAddress(address: OrderInput['address']): CleanOrderAddress {
  const index = divisionIndex();
  const region = address.text
    ? splitAddress(index, address.text)
    : { ...cleanAddress(index, address), street: '' };
  const detail = halfWidth(address.detail || region.street)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ (?=[^\x20-\x7e])|(?<=[^\x20-\x7e]) /g, '');
  return { ...region, detail, review: reviewOf(address, region) };
}

function reviewOf(address: OrderInput['address'], region: CleanAddress): string | null {
  if (region.ambiguous) {
    const { field, name, candidates } = region.ambiguous;
    return `${field} "${name}" is in ${candidates.join(' / ')}: confirm the address with the buyer`;
  }
  if (address.text && !region.province) {
    return `address "${address.text}" names no province, city or district we know: check it`;
  }
  return null;
}
