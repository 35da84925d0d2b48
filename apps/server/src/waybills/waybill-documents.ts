import { CjkWriter, loadPdfLibraries } from './cjk-font';

/** What a printed e-waybill (电子面单) shows for one parcel. */
export interface WaybillContent {
  waybillNo: string;
  carrier: string;
  /** The carrier's destination sorting code (大头笔), when the provider gave one. */
  sortingCode: string | null;
  orderId: string;
  parcelNo: number;
  parcels: number;
  receiver: { name: string; mobile: string; address: string };
  sender: { name: string; address: string };
  goods: string;
  weightGrams: number | null;
  signatureRequired: boolean;
}

/** 100 × 150 mm, the common thermal e-waybill size, in PDF points. */
const WIDTH = 283.46;
const HEIGHT = 425.2;
const MARGIN = 12;
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

/** A mobile number as waybills print it: the middle four digits hidden (隐私面单). */
export function maskMobile(mobile: string): string {
  return /^\d{11}$/.test(mobile) ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : mobile;
}

const weightText = (grams: number | null) =>
  grams === null ? '' : `${(grams / 1000).toFixed(2)} kg`;

/** The waybill as a PDF, Chinese text in an embedded Noto Sans SC subset. */
export async function waybillToPdf(w: WaybillContent): Promise<Uint8Array> {
  const { PDFDocument, rgb, bwipjs } = await loadPdfLibraries();
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(`电子面单 ${w.waybillNo}`);
  pdf.setCreator('wave-picking');
  pdf.setProducer('wave-picking');
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  const text = await CjkWriter.for(pdf);
  const page = pdf.addPage([WIDTH, HEIGHT]);
  let y = HEIGHT - MARGIN - 22;
  await text.draw(page, w.carrier, MARGIN, y, 22);
  if (w.sortingCode) await text.draw(page, w.sortingCode, MARGIN + 90, y, 22);
  if (w.signatureRequired) {
    const label = '本人签收';
    const width = await text.width(label, 16);
    const x = WIDTH - MARGIN - width - 10;
    page.drawRectangle({
      x,
      y: y - 6,
      width: width + 10,
      height: 28,
      borderColor: rgb(0, 0, 0),
      borderWidth: 2,
    });
    await text.draw(page, label, x + 5, y, 16);
    await text.draw(page, 'SIGNATURE REQUIRED', x - 40, y - 16, 8);
  }
  y -= 80;
  const barcode = await pdf.embedPng(
    await bwipjs.toBuffer({
      bcid: 'code128',
      text: w.waybillNo,
      scale: 3,
      height: 14,
      includetext: false,
    }),
  );
  page.drawImage(barcode, { x: MARGIN, y, width: WIDTH - 2 * MARGIN, height: 56 });
  y -= 16;
  await text.draw(page, w.waybillNo, MARGIN, y, 14);
  await text.draw(page, `${w.parcelNo}/${w.parcels}`, WIDTH - MARGIN - 30, y, 14);
  y -= 26;
  await text.draw(page, `收 ${w.receiver.name} ${maskMobile(w.receiver.mobile)}`, MARGIN, y, 14);
  y = await text.drawWrapped(page, w.receiver.address, MARGIN, y - 18, 12, WIDTH - 2 * MARGIN);
  y -= 6;
  await text.draw(page, `寄 ${w.sender.name}`, MARGIN, y, 10);
  y = await text.drawWrapped(page, w.sender.address, MARGIN, y - 13, 9, WIDTH - 2 * MARGIN);
  y -= 6;
  y = await text.drawWrapped(page, `内件 ${w.goods}`, MARGIN, y, 9, WIDTH - 2 * MARGIN);
  await text.draw(page, `${weightText(w.weightGrams)}  订单 ${w.orderId}`, MARGIN, y, 9);
  return pdf.save({ useObjectStreams: false });
}

const field = (value: string) => value.replace(/[\^~]/g, ' ');

/**
 * The waybill in ZPL II for a 100 × 150 mm label at 203 dpi (800 × 1200 dots). Chinese prints
 * with the printer's resident CJK font (`^CW1,E:SIMSUN.FNT`, Zebra's Simplified Chinese font;
 * `^CI28`: UTF-8 field data).
 */
export function waybillToZpl(w: WaybillContent): string {
  const lines = [
    '^XA',
    '^CI28',
    '^CW1,E:SIMSUN.FNT',
    '^PW800',
    '^LL1200',
    `^FO30,30^A1N,64,64^FD${field(w.carrier)}${w.sortingCode ? `  ${field(w.sortingCode)}` : ''}^FS`,
    ...(w.signatureRequired
      ? [
          '^FO560,20^GB220,90,6^FS',
          '^FO580,36^A1N,56,56^FD本人签收^FS',
          '^FO560,115^A0N,24,24^FDSIGNATURE REQUIRED^FS',
        ]
      : []),
    `^FO30,160^BY3,3,180^BCN,180,N,N,N^FD${field(w.waybillNo)}^FS`,
    `^FO30,360^A0N,44,44^FD${field(w.waybillNo)}^FS`,
    `^FO640,360^A0N,44,44^FD${w.parcelNo}/${w.parcels}^FS`,
    `^FO30,440^A1N,48,48^FD收 ${field(w.receiver.name)} ${maskMobile(w.receiver.mobile)}^FS`,
    `^FO30,510^FB740,3,8,L^A1N,40,40^FD${field(w.receiver.address)}^FS`,
    `^FO30,680^A1N,32,32^FD寄 ${field(w.sender.name)}^FS`,
    `^FO30,725^FB740,2,6,L^A1N,28,28^FD${field(w.sender.address)}^FS`,
    `^FO30,820^FB740,3,6,L^A1N,28,28^FD内件 ${field(w.goods)}^FS`,
    `^FO30,940^A1N,28,28^FD${weightText(w.weightGrams)}  订单 ${field(w.orderId)}^FS`,
    '^XZ',
  ];
  return `${lines.join('\n')}\n`;
}
