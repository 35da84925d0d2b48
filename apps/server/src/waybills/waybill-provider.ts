/**
 * An e-waybill service (电子面单): a carrier's or a platform's API that issues a tracking number
 * with its printable waybill for a parcel, and takes back one not used (issue 22). One provider
 * is implemented (`kdniao.ts`); a carrier without a service keeps the typed tracking number.
 */
export interface WaybillParty {
  name: string;
  mobile: string;
  province: string;
  city: string;
  district: string;
  address: string;
}

export interface WaybillRequest {
  /** Our reference for the parcel, unique per parcel: `SO-…-P2`. */
  orderCode: string;
  /** The carrier's code at the provider (SF, YTO, ZTO, JD, EMS…). */
  carrier: string;
  sender: WaybillParty;
  receiver: WaybillParty;
  goods: { name: string; qty: number }[];
  weightKg: number;
  /** M4.3: printed on the waybill and passed to the carrier as a remark. */
  signatureRequired: boolean;
}

export interface IssuedWaybill {
  provider: string;
  waybillNo: string;
  /** The provider's own order reference (KDNiao's KDNOrderCode), kept for cancelling. */
  providerRef: string;
  /** The carrier's sorting code for the destination (大头笔), printed large when given. */
  sortingCode: string | null;
}

export interface WaybillProvider {
  readonly name: string;
  request(request: WaybillRequest): Promise<IssuedWaybill>;
  /** Takes back a waybill not handed to the carrier yet (its number is not reused). */
  cancel(waybill: { carrier: string; orderCode: string; waybillNo: string }): Promise<void>;
}

/** The provider refused or could not be reached; `code` is its result code when it gave one. */
export class WaybillError extends Error {
  override readonly name = 'WaybillError';

  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
