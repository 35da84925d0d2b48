/** The GS1 group separator (ASCII 29). */
const GS = '\u001d';

/**
 * How this site's scanners are set up (DataWedge profile or Bluetooth scanner settings). Stored
 * per device; see the README's DataWedge section.
 */
export interface ScannerSettings {
  /** Characters the scanner sends before each code (stripped). */
  prefix: string;
  /** Characters the scanner sends after each code, before Enter (stripped). */
  suffix: string;
  /**
   * The printable character the scanner sends instead of GS (e.g. `|` or `~`), turned back into
   * GS here; empty when the scanner sends GS itself.
   */
  gsReplacement: string;
  /** An identical code again within this many ms is the same trigger pull, not a second scan. */
  repeatDebounceMs: number;
}

export const defaultScannerSettings: ScannerSettings = {
  prefix: '',
  suffix: '',
  gsReplacement: '|',
  repeatDebounceMs: 500,
};

/** An AIM symbology identifier (`]C1` GS1-128, `]d2` GS1 DataMatrix, `]Q3` GS1 QR, `]E0` EAN…). */
const AIM_ID = /^\][A-Za-z][0-9A-Za-z]/;

/**
 * Turns what a scanner typed into the code it read: NFKC (full-width digits from a Chinese
 * keyboard), the configured prefix and suffix off, the AIM symbology id off, the printable GS
 * replacement back to GS, a leading GS (FNC1 in first position) off, surrounding spaces off.
 *
 * @example
 * normaliseScan(']C1０１0950110102091710AB|21X', defaultScannerSettings)
 * // → '0109501101020917' + '10AB' + '\u001d' + '21X'
 */
export function normaliseScan(raw: string, settings: ScannerSettings): string {
  let code = raw.normalize('NFKC').trim();
  if (settings.prefix !== '' && code.startsWith(settings.prefix))
    code = code.slice(settings.prefix.length);
  if (settings.suffix !== '' && code.endsWith(settings.suffix))
    code = code.slice(0, -settings.suffix.length);
  code = code.replace(AIM_ID, '');
  if (settings.gsReplacement !== '') code = code.split(settings.gsReplacement).join(GS);
  if (code.startsWith(GS)) code = code.slice(1);
  return code.trim();
}
