/** What the admin's enrolment QR holds: `WMS-ENROL:` and the 8-character code. */
export const ENROLMENT_PREFIX = 'WMS-ENROL:';

/** The enrolment code in a scan of the admin's QR, or null for any other scan (a badge). */
export function enrolmentCodeOf(scanned: string): string | null {
  const text = scanned.trim().toUpperCase();
  if (!text.startsWith(ENROLMENT_PREFIX)) return null;
  const code = text.slice(ENROLMENT_PREFIX.length);
  return /^[A-HJ-NP-Z2-9]{8}$/.test(code) ? code : null;
}
