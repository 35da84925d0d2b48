/** How the value of one GS1 Application Identifier is shaped (GS1 General Specifications §3). */
export interface AiSpec {
  ai: string;
  /** Short English title, e.g. `BATCH/LOT`. */
  title: string;
  /** Fixed-length values need no separator after them; variable-length ones do unless last. */
  length: { fixed: number } | { max: number };
  charset: 'numeric' | 'alphanumeric';
  /** The value's last digit is a GS1 mod-10 check digit. */
  checkDigit?: boolean;
  /** The value is a YYMMDD date. */
  date?: boolean;
  /** Decimal places implied by the AI's last digit (310n). */
  decimals?: number;
}

const fixedNumeric = (ai: string, title: string, fixed: number, extra: Partial<AiSpec> = {}) =>
  ({ ai, title, length: { fixed }, charset: 'numeric', ...extra }) satisfies AiSpec;
const variable = (ai: string, title: string, max: number, charset: AiSpec['charset']) =>
  ({ ai, title, length: { max }, charset }) satisfies AiSpec;

const netWeight = Array.from({ length: 6 }, (_, n) =>
  fixedNumeric(`310${n}`, 'NET WEIGHT (kg)', 6, { decimals: n }),
);

/** The AIs a warehouse meets on inbound and product labels; anything else is refused as unknown. */
const AI_SPECS: readonly AiSpec[] = [
  fixedNumeric('00', 'SSCC', 18, { checkDigit: true }),
  fixedNumeric('01', 'GTIN', 14, { checkDigit: true }),
  fixedNumeric('02', 'CONTENT', 14, { checkDigit: true }),
  variable('10', 'BATCH/LOT', 20, 'alphanumeric'),
  fixedNumeric('11', 'PROD DATE', 6, { date: true }),
  fixedNumeric('12', 'DUE DATE', 6, { date: true }),
  fixedNumeric('13', 'PACK DATE', 6, { date: true }),
  fixedNumeric('15', 'BEST BEFORE', 6, { date: true }),
  fixedNumeric('16', 'SELL BY', 6, { date: true }),
  fixedNumeric('17', 'USE BY', 6, { date: true }),
  fixedNumeric('20', 'VARIANT', 2),
  variable('21', 'SERIAL', 20, 'alphanumeric'),
  variable('240', 'ADDITIONAL ID', 30, 'alphanumeric'),
  variable('30', 'VAR. COUNT', 8, 'numeric'),
  variable('37', 'COUNT', 8, 'numeric'),
  ...netWeight,
  variable('400', 'ORDER NUMBER', 30, 'alphanumeric'),
  fixedNumeric('410', 'SHIP TO LOC', 13, { checkDigit: true }),
  fixedNumeric('414', 'LOC No.', 13, { checkDigit: true }),
  variable('420', 'SHIP TO POST', 20, 'alphanumeric'),
];

const BY_AI = new Map(AI_SPECS.map((spec) => [spec.ai, spec]));

/**
 * The AI at the start of `text`, trying 2-, 3- then 4-digit AIs (GS1 AIs are prefix-free, so at
 * most one can match).
 */
export function lookUpAi(text: string): AiSpec | undefined {
  for (const size of [2, 3, 4]) {
    const spec = BY_AI.get(text.slice(0, size));
    if (spec) return spec;
  }
  return undefined;
}

/** The GS1 AI character set 82 (the printable characters a GS1 alphanumeric value may hold). */
export const GS1_CHARSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
