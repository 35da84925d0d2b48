import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const L = [
  '0001101',
  '0011001',
  '0010011',
  '0111101',
  '0100011',
  '0110001',
  '0101111',
  '0111011',
  '0110111',
  '0001011',
];
const G = [
  '0100111',
  '0110011',
  '0011011',
  '0100001',
  '0011101',
  '0111001',
  '0000101',
  '0010001',
  '0001001',
  '0010111',
];
const R = L.map((bits) => [...bits].map((b) => (b === '1' ? '0' : '1')).join(''));
const PARITY = [
  'LLLLLL',
  'LLGLGG',
  'LLGGLG',
  'LLGGGL',
  'LGLLGG',
  'LGGLLG',
  'LGGGLL',
  'LGLGLG',
  'LGLGGL',
  'LGGLGL',
];

/**
 * The 95 modules of an EAN-13 symbol ('1' = bar), from its 13 digits.
 *
 * @example
 * ean13Modules('6901234567892').length // → 95
 */
export function ean13Modules(ean: string): string {
  if (!/^\d{13}$/.test(ean)) throw new Error(`not an EAN-13: ${ean}`);
  const digits = [...ean].map(Number);
  const parity = PARITY[digits[0] ?? 0] ?? '';
  const left = digits.slice(1, 7).map((d, i) => (parity[i] === 'G' ? G[d] : L[d]) ?? '');
  const right = digits.slice(7).map((d) => R[d] ?? '');
  return `101${left.join('')}01010${right.join('')}101`;
}

/**
 * Writes a Y4M video (what Chromium's `--use-file-for-fake-video-capture` plays, in a loop) of an
 * EAN-13 barcode, black bars on white, so that a browser test can scan with the "camera".
 */
export function writeEan13Video(path: string, ean: string, width = 640, height = 480): void {
  writeY4m(path, ean13Luma(ean13Modules(ean), width, height), width, height);
}

/**
 * Writes a Y4M video of an EAN-13 whose middle is torn off (a white band over its centre guard
 * and the digits around it), as a damaged label looks: the frame shows bars, no reader decodes it.
 */
export function writeDamagedEan13Video(path: string, ean: string, width = 640, height = 480): void {
  const modules = [...ean13Modules(ean)].map((bit, i) => (i >= 35 && i < 60 ? '0' : bit)).join('');
  writeY4m(path, ean13Luma(modules, width, height), width, height);
}

function ean13Luma(modules: string, width: number, height: number): Buffer {
  const moduleWidth = 4;
  const left = Math.floor((width - modules.length * moduleWidth) / 2);
  const luma = Buffer.alloc(width * height, WHITE);
  for (let y = Math.floor(height * 0.2); y < Math.floor(height * 0.8); y++) {
    for (let m = 0; m < modules.length; m++) {
      if (modules[m] !== '1') continue;
      luma.fill(
        BLACK,
        y * width + left + m * moduleWidth,
        y * width + left + (m + 1) * moduleWidth,
      );
    }
  }
  return luma;
}

/**
 * Writes a Y4M video of a QR code holding `text` (as the admin screen shows an enrolment code),
 * black modules on white with a quiet zone, centred.
 */
export function writeQrVideo(path: string, text: string, width = 640, height = 480): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = Math.floor((Math.min(width, height) * 0.8) / (modules.size + 8));
  const left = Math.floor((width - modules.size * scale) / 2);
  const top = Math.floor((height - modules.size * scale) / 2);
  const luma = Buffer.alloc(width * height, WHITE);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = top + row * scale; y < top + (row + 1) * scale; y++) {
        luma.fill(BLACK, y * width + left + col * scale, y * width + left + (col + 1) * scale);
      }
    }
  }
  writeY4m(path, luma, width, height);
}

const WHITE = 235;
const BLACK = 16;

/** Ten identical grey frames (chroma neutral) of one luma plane; Chromium loops the file. */
function writeY4m(path: string, luma: Buffer, width: number, height: number): void {
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
}
