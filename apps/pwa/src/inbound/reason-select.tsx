/**
 * A labelled choice of reason (an over-receipt's, another bin's), with "—" until one is chosen.
 */
export function ReasonSelect<R extends string>(props: {
  label: string;
  testId: string;
  value: R | '';
  reasons: readonly R[];
  wording: Record<R, string>;
  onChange: (reason: R) => void;
}) {
  const { label, testId, value, reasons, wording, onChange } = props;
  return (
    <label>
      {label}
      <select
        data-manual-entry
        data-testid={testId}
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
