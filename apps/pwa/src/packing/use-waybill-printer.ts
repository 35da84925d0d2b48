import { useRef, useState } from 'react';
import { playError, playOk } from '../device/feedback/sounds';
import { announceRendered } from '../device/speech/speech';
import { useMessages } from '../i18n/language';
import type { Messages } from '../i18n/messages-en';
import type { Session } from '../storage/database';
import { api, ApiError } from '../sync/api-client';
import { deviceSync } from '../sync/device-sync';

/** A parcel packed without a number, whose e-waybill the bench still has to get and print. */
export interface WaybillParcel {
  orderId: string;
  parcelNo: number;
}

/** What the last "Print waybill" came to, shown (and spoken) until the next one. */
export type WaybillNotice =
  | { kind: 'printing'; parcelNo: number }
  | { kind: 'printed'; parcelNo: number; waybillNo: string | null; url: string }
  | { kind: 'refused'; parcelNo: number; providerCode: string }
  | { kind: 'offline'; parcelNo: number };

export interface WaybillPrinter {
  /** Parcels still without a printed waybill, oldest first. */
  waiting: WaybillParcel[];
  notice: WaybillNotice | null;
  /** Gets the parcel's e-waybill (after pushing the parcel itself) and opens the PDF to print. */
  print: (parcel: WaybillParcel) => void;
}

const isSame = (a: WaybillParcel) => (b: WaybillParcel) =>
  a.orderId === b.orderId && a.parcelNo === b.parcelNo;

/**
 * The bench's e-waybills (电子面单, issue 22). A parcel is packed through the outbox, offline too;
 * its waybill number comes from the server's provider, so printing needs the network: offline,
 * the parcel waits in `waiting` and the packer is told so, by screen and voice.
 */
export function useWaybillPrinter(session: Session): WaybillPrinter {
  const t = useMessages();
  const language = session.user.language;
  const [waiting, setWaiting] = useState<WaybillParcel[]>([]);
  const [notice, setNotice] = useState<WaybillNotice | null>(null);
  const lastUrl = useRef<string | null>(null);

  const tell = (next: WaybillNotice) => {
    setNotice(next);
    if (next.kind === 'printing') return;
    if (next.kind === 'printed') playOk();
    else playError();
    const text = waybillText(t, next);
    announceRendered({ language, text, speech: text });
  };

  const print = (parcel: WaybillParcel) => {
    setWaiting((before) => (before.some(isSame(parcel)) ? before : [...before, parcel]));
    tell({ kind: 'printing', parcelNo: parcel.parcelNo });
    void fetchWaybill(session.token, parcel).then((outcome) => {
      if (outcome.kind === 'printed') {
        if (lastUrl.current) URL.revokeObjectURL(lastUrl.current);
        lastUrl.current = outcome.url;
        window.open(outcome.url, '_blank');
        setWaiting((before) => before.filter((p) => !isSame(parcel)(p)));
      }
      tell(outcome);
    });
  };
  return { waiting, notice, print };
}

async function fetchWaybill(token: string, parcel: WaybillParcel): Promise<WaybillNotice> {
  const { orderId, parcelNo } = parcel;
  try {
    // The parcel's own event must reach the server before the server can ask for its number.
    await deviceSync.syncNow().catch(() => undefined);
    const waybillNo = await requestNumber(token, parcel);
    const pdf = await api.waybillPdf(token, orderId, parcelNo);
    return { kind: 'printed', parcelNo, waybillNo, url: URL.createObjectURL(pdf) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Not reached, or the parcel's event is still on the handheld (not on the server yet).
    if (error.kind === 'network' || error.status === 404) return { kind: 'offline', parcelNo };
    return {
      kind: 'refused',
      parcelNo,
      providerCode: String(error.params.providerCode ?? error.status),
    };
  }
}

/** The new number; null when the parcel had one already (a second tap prints it again). */
async function requestNumber(token: string, parcel: WaybillParcel): Promise<string | null> {
  try {
    const issued = await api.requestWaybill(token, parcel.orderId, parcel.parcelNo);
    const waybillNo = (issued as { waybillNo?: unknown } | null)?.waybillNo;
    return typeof waybillNo === 'string' ? waybillNo : null;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'conflict') return null;
    throw error;
  }
}

/** The notice in the packer's words (shown, and spoken unless it is the "getting it" line). */
export function waybillText(t: Messages, notice: WaybillNotice): string {
  switch (notice.kind) {
    case 'printing':
      return t.pack.waybillPrinting(notice.parcelNo);
    case 'printed':
      return t.pack.waybillPrinted(notice.parcelNo, notice.waybillNo);
    case 'refused':
      return t.pack.waybillRefused(notice.parcelNo, notice.providerCode);
    case 'offline':
      return t.pack.waybillOffline(notice.parcelNo);
  }
}
