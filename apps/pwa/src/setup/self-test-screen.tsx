import { useState } from 'react';
import { lastBurst } from '../device/scanner/scanner';
import {
  diagnoseSelfTest,
  SELF_TEST_LABEL,
  type SelfTestReport,
} from '../device/scanner/self-test';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { useMessages } from '../i18n/language';

/** "Scan the test label": what arrived, how fast, and what to change in the scanner profile. */
export function SelfTestScreen() {
  const t = useMessages();
  const [report, setReport] = useState<SelfTestReport | null>(null);
  useScanActions(() => {
    const burst = lastBurst();
    if (burst) setReport(diagnoseSelfTest(burst, SELF_TEST_LABEL));
  });
  return (
    <section className="screen self-test" data-testid="self-test">
      <h2>{t.setup.selfTest}</h2>
      <p>{t.setup.selfTestHint}</p>
      {report === null ? (
        <p className="hint">{t.setup.selfTestWaiting}</p>
      ) : (
        <>
          <p
            className={report.ok ? 'ok' : 'error'}
            data-testid="self-test-result"
            data-ok={report.ok}
          >
            {report.ok ? `✔ ${t.setup.selfTestOk}` : '✖'}
          </p>
          <p>
            {t.setup.received}:{' '}
            <code data-testid="self-test-received">{visible(report.received)}</code>
          </p>
          <p className="hint">
            {t.setup.timing(Math.round(report.maxGapMs), Math.round(report.totalMs))}
          </p>
          <ul className="self-test-faults">
            {report.faults.map((fault) => (
              <li key={fault} data-testid={`fault-${fault}`}>
                {t.setup.fault[fault]}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Shows control characters (GS) so that the picker can see them. */
function visible(text: string): string {
  return text.split('\u001d').join('⟨GS⟩');
}
