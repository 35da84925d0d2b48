import './moves.css';
import type { MoveWork } from '@wms/protocol';
import { useEffect, useState } from 'react';
import { CameraButton } from '../device/camera/camera-button';
import { otherLanguage, useLanguage, useMessages } from '../i18n/language';
import { PromptLine } from '../picker/prompt-line';
import { QtyPanel } from '../picker/qty-panel';
import type { Session } from '../storage/database';
import { KeyedBinPanel } from './keyed-bin-panel';
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
        <MoveHeader onLeave={onLeave} />
        <p className="hint" data-testid="move-needs-network">
          {t.moves.needsNetwork}
        </p>
      </section>
    );
  return <MoveSteps session={session} work={work} onLeave={onLeave} />;
}

function MoveHeader({ onLeave }: { onLeave: () => void }) {
  const t = useMessages();
  return (
    <div className="screen-header">
      <button type="button" className="button-secondary" data-testid="move-back" onClick={onLeave}>
        ← {t.moves.back}
      </button>
      <h1>{t.moves.title}</h1>
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
    <section className="screen move">
      <MoveHeader onLeave={onLeave} />
      <MoveSignal step={state.step} error={error !== null}>
        {t.moves.step[state.step]}
      </MoveSignal>
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

/** The move so far: the bin taken from (large), the item, its lot, what may move, how many. */
function MoveCard({ state }: { state: MoveState }) {
  const t = useMessages();
  const language = useLanguage();
  const { sku, slot } = state;
  const name = (lang: string) => (lang === 'zh-CN' ? sku?.nameZh : sku?.name);
  return (
    <div className="pick-line move-card" data-testid="move-card">
      {/* While counting, the keypad needs the room: the bin is in the signal's prompt. */}
      <div className="pick-bin pick-bin-checked" hidden={state.step === 'key-qty'}>
        <span className="label">{t.moves.from}</span>
        <span className="bin-code" data-testid="move-from">
          {state.fromBinCode}
        </span>
      </div>
      {sku && slot && (
        <div className={state.step === 'key-qty' ? 'pick-item pick-target' : 'pick-item'}>
          <div className="pick-qty">
            <span className="label">{t.moves.free(slot.free)}</span>
            <span className="qty" data-testid="move-qty">
              {state.qtyText || '—'}
            </span>
          </div>
          <div className="pick-product">
            <span className="product-name" data-testid="move-item">
              {name(language)}
            </span>
            {state.step !== 'key-qty' && (
              <span className="product-name-other">{name(otherLanguage(language))}</span>
            )}
          </div>
        </div>
      )}
      {slot?.lot && (
        <p className="pick-lot" data-testid="move-lot">
          {t.moves.lot(slot.lot, slot.expiry)}
        </p>
      )}
      {state.toLot && (
        <p className="pick-lot" data-testid="move-new-lot">
          {t.moves.newLot(state.toLot.lot, state.toLot.expiry)}
        </p>
      )}
    </div>
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
