/**
 * A labelled choice of reason (an over-receipt's, another bin's), with "—" until one is chosen.
 */
export function ReasonSelect<R extends string>(props: {
  label: string;
  testId: string;
  value: R | '';
  reasons: readonly R[];
  wording: Record<R, string>;
  /** Marked (and announced to a screen reader) when the worker went on without one. */
  missing?: boolean;
  onChange: (reason: R) => void;
}) {
  const { label, testId, value, reasons, wording, missing = false, onChange } = props;
  return (
    <label className={missing ? 'reason-missing' : undefined}>
      <span role={missing ? 'alert' : undefined}>{label}</span>
      <select
        data-manual-entry
        data-testid={testId}
        aria-invalid={missing}
        value={value}
        onChange={(e) => onChange(e.target.value as R)}
      >
        <option value="">—</option>
        {reasons.map((r) => (
          <option key={r} value={r}>
            {wording[r]}
          </option>
        ))}
      </select>
    </label>
  );
}
