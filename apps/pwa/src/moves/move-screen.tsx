import './moves.css';
import type { MoveWork } from '@wms/protocol';
import { useEffect, useState } from 'react';
import { CameraButton } from '../device/camera/camera-button';
import { useLanguage, useMessages } from '../i18n/language';
import { PromptLine } from '../picker/prompt-line';
import { QtyPanel } from '../picker/qty-panel';
import type { Session } from '../storage/database';
import { KeyedBinPanel } from './keyed-bin-panel';
import { MoveCard } from './move-card';
import type { MoveInput, MoveState } from './move-flow';
import { MoveSignal } from './move-signal';
import { renderSaying, useMoveFlow } from './use-move-flow';
import { useMoveWork } from './use-move-work';

/** Moving stock between bins on the handheld (issue 16): works offline once the stock is downloaded. */
export function MoveScreen({ session, onLeave }: { session: Session; onLeave: () => void }) {
  const t = useMessages();
  const work = useMoveWork(session);
  if (work === undefined) return <p className="screen">{t.loading}</p>;
  if (work === null)
    return (
      <section className="screen move">
        <MoveHeader onLeave={onLeave}>
          <h1>{t.moves.title}</h1>
        </MoveHeader>
        <p className="hint" data-testid="move-needs-network">
          {t.moves.needsNetwork}
        </p>
      </section>
    );
  return <MoveSteps session={session} work={work} onLeave={onLeave} />;
}

/** Back, and beside it the title or the step's signal (one row: the keypad needs the height). */
function MoveHeader({ onLeave, children }: { onLeave: () => void; children: React.ReactNode }) {
  const t = useMessages();
  return (
    <div className="screen-header">
      <button type="button" className="button-secondary" data-testid="move-back" onClick={onLeave}>
        ← {t.moves.back}
      </button>
      {children}
    </div>
  );
}

function MoveSteps(props: { session: Session; work: MoveWork; onLeave: () => void }) {
  const { session, work, onLeave } = props;
  const t = useMessages();
  const language = useLanguage();
  const { state, input } = useMoveFlow(session, work);
  const [keyingBin, setKeyingBin] = useState(false);
  const notice = state.notice && renderSaying(state.notice.saying, language).text;
  const error = state.notice?.error ? notice : null;
  const moved = state.notice?.saying.of === 'move' && state.notice.saying.prompt.kind === 'moved';
  const atBin = state.step === 'scan-from-bin' || state.step === 'scan-to-bin';
  // Each step and each answer opens at the top: the signal and the message in view (keying the
  // quantity scrolled the page down to the keypad).
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [state.step, state.notice]);
  return (
    <section className="screen step-screen move">
      <MoveHeader onLeave={onLeave}>
        <MoveSignal step={state.step} error={error !== null}>
          {t.moves.step[state.step]}
        </MoveSignal>
      </MoveHeader>
      <PromptLine />
      {error && (
        <p className="error error-loud" role="alert" data-testid="error">
          {error}
        </p>
      )}
      {moved && !error && (
        <p className="ok" role="status" data-testid="move-ok">
          {notice}
        </p>
      )}
      {state.fromBinCode && !keyingBin && <MoveCard state={state} />}
      {keyingBin && atBin ? (
        <KeyedBinPanel
          onConfirm={(binCode, digits) => {
            input({ kind: 'keyed-bin', binCode, digits });
            setKeyingBin(false);
          }}
          onClose={() => setKeyingBin(false)}
        />
      ) : (
        <MoveActions state={state} onInput={input} onKeyBin={() => setKeyingBin(true)} />
      )}
    </section>
  );
}

/** What the worker can do at this step besides scanning: count, key a bin, correct the lot. */
function MoveActions(props: {
  state: MoveState;
  onInput: (input: MoveInput) => void;
  onKeyBin: () => void;
}) {
  const { state, onInput, onKeyBin } = props;
  const t = useMessages();
  const atBin = state.step === 'scan-from-bin' || state.step === 'scan-to-bin';
  return (
    <>
      {state.step === 'key-qty' && (
        <QtyPanel
          qtyText={state.qtyText}
          saving={false}
          onInput={(key) => {
            if (key.kind === 'digit') onInput(key);
            else if (key.kind === 'backspace' || key.kind === 'clear' || key.kind === 'confirm')
              onInput({ kind: key.kind });
          }}
        />
      )}
      <div className="line-actions">
        {atBin && (
          <button
            type="button"
            className="button-secondary"
            data-testid="move-label-unreadable"
            onClick={onKeyBin}
          >
            {t.moves.labelWontScan}
          </button>
        )}
        {state.step === 'scan-to-bin' && state.sku?.lotTracked && !state.toLot && (
          <button
            type="button"
            className="button-secondary"
            data-testid="move-correct-lot"
            onClick={() => onInput({ kind: 'correct-lot' })}
          >
            {t.moves.correctLot}
          </button>
        )}
        {state.step !== 'scan-from-bin' && (
          <button
            type="button"
            className="button-secondary"
            data-testid="move-restart"
            onClick={() => onInput({ kind: 'restart' })}
          >
            {t.moves.restart}
          </button>
        )}
        <CameraButton />
      </div>
    </>
  );
}
