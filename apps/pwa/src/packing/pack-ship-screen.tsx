import './pack-ship.css';
import { renderPrompt } from '@wms/domain';
import { useState, type FormEvent } from 'react';
import { MANUAL_ENTRY_ATTRIBUTE } from '../device/scanner/wedge-capture';
import { useLanguage, useMessages } from '../i18n/language';
import { PromptLine } from '../picker/prompt-line';
import type { Session } from '../storage/database';
import { CarrierButtons } from './carrier-buttons';
import { expectedGrams, unitsLeftToPack, type PackNotice, type PackState } from './pack-flow';
import type { Carrier } from './ship-flow';
import { usePackFlow } from './use-pack-flow';
import { useWaybillPrinter } from './use-waybill-printer';
import { WaybillPanel } from './waybill-panel';

export interface PackShipScreenProps {
  session: Session;
  onLeave: () => void;
}

/**
 * The pack bench (issue 22, 称重复核): scan the order or tote, scan each item (verified against the
 * order), choose or scan the box, weigh (typed, or a keyboard-wedge scale), then scan the waybill
 * or print an e-waybill (打印面单); one order may leave in several parcels. Closed and stopped parcels go through the outbox.
 */
export function PackShipScreen({ session, onLeave }: PackShipScreenProps) {
  const t = useMessages();
  const printer = useWaybillPrinter(session);
  const [state, apply] = usePackFlow(session, printer.print);
  const { step, order } = state;
  return (
    <section className="screen pack-ship">
      <div className="screen-header">
        <button
          type="button"
          className="button-secondary"
          data-testid="ship-back"
          onClick={onLeave}
        >
          ← {t.ship.back}
        </button>
        <h1>{t.ship.title}</h1>
      </div>
      <h2 className="ship-step" data-testid="pack-step" data-step={step}>
        {t.pack.step[step]}
        {order && step !== 'order-done' && (
          <span data-testid="pack-parcel-no"> · {t.pack.parcel(state.parcelNo)}</span>
        )}
      </h2>
      {order?.signatureRequired && (
        <p className="pack-signature" data-testid="pack-signature">
          ✍ {t.pack.signatureRequired}
        </p>
      )}
      {state.notice && <Notice notice={state.notice} />}
      <WaybillPanel printer={printer} />
      {order && <OrderLines state={state} />}
      <StepControls state={state} apply={apply} />
      <PromptLine />
    </section>
  );
}

function Notice({ notice }: { notice: PackNotice }) {
  const t = useMessages();
  const language = useLanguage();
  if (notice.kind === 'prompt') {
    const text = renderPrompt(notice.prompt, language).text;
    return (
      <p
        className={notice.error ? 'error' : 'ok'}
        role={notice.error ? 'alert' : 'status'}
        data-testid="pack-notice"
        data-kind={notice.prompt.kind}
      >
        {text}
      </p>
    );
  }
  const text =
    notice.kind === 'not-a-box'
      ? t.pack.notABox(notice.code)
      : notice.kind === 'not-a-weight'
        ? t.pack.notAWeight(notice.code)
        : notice.kind === 'bad-tracking'
          ? t.ship.badTracking(notice.code)
          : notice.kind === 'needs-network'
            ? t.pack.needsNetwork
            : notice.message;
  return (
    <p className="error" role="alert" data-testid="pack-notice" data-kind={notice.kind}>
      {text}
    </p>
  );
}

function OrderLines({ state }: { state: PackState }) {
  const t = useMessages();
  const language = useLanguage();
  const order = state.order!;
  const inParcel = (skuId: string) =>
    state.items.filter((i) => i.skuId === skuId).reduce((n, i) => n + i.qty, 0);
  const before = (skuId: string) =>
    state.packed
      .flat()
      .filter((i) => i.skuId === skuId)
      .reduce((n, i) => n + i.qty, 0);
  return (
    <>
      <p className="pack-order" data-testid="pack-order">
        {t.ship.order} <strong translate="no">{order.orderId}</strong> ·{' '}
        {t.pack.left(unitsLeftToPack(state))}
      </p>
      {/* Once the parcel is closed (box, weight, waybill) its lines give way to that step's controls. */}
      {(state.step === 'scan-items' || state.step === 'order-done') && (
        <ul className="pack-lines">
          {order.lines.map((line) => (
            <li key={line.skuId} data-testid={`pack-line-${line.skuId}`}>
              <span>{language === 'zh-CN' ? line.nameZh : line.name}</span>
              {line.lots.length > 0 && (
                <span className="pack-lot" data-testid="pack-lot">
                  {t.pack.lot} <span translate="no">{line.lots.join(', ')}</span>
                </span>
              )}
              <strong data-testid="pack-line-count">
                {inParcel(line.skuId)} + {before(line.skuId)} / {line.qty}
              </strong>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function StepControls({
  state,
  apply,
}: {
  state: PackState;
  apply: ReturnType<typeof usePackFlow>[1];
}) {
  const t = useMessages();
  const { step, order } = state;
  const keepFocus = (event: { preventDefault: () => void }) => event.preventDefault();
  return (
    <div className="line-actions pack-actions">
      {step === 'scan-items' && state.items.length > 0 && (
        <button
          type="button"
          className="button-primary"
          data-testid="pack-close-parcel"
          onMouseDown={keepFocus}
          onClick={() => apply({ kind: 'close-parcel' })}
        >
          {t.pack.closeParcel}
        </button>
      )}
      {step === 'choose-box' && order && (
        <div className="carrier-buttons">
          {order.boxes.map((box) => (
            <button
              key={box.code}
              type="button"
              className="button-secondary"
              data-testid={`box-${box.code}`}
              onMouseDown={keepFocus}
              onClick={() => apply({ kind: 'choose-box', code: box.code })}
            >
              {t.pack.boxName(box.name, box.nameZh)}
            </button>
          ))}
        </div>
      )}
      {step === 'weigh' && (
        <>
          <p data-testid="pack-expected">{t.pack.expected(expectedGrams(state))}</p>
          <TypedEntry
            label={t.pack.weightLabel}
            testId="pack-weight"
            onEnter={(code) => apply({ kind: 'scan', code })}
          />
        </>
      )}
      {step === 'scan-tracking' && (
        <>
          <button
            type="button"
            className="button-primary"
            data-testid="pack-print-waybill"
            onMouseDown={keepFocus}
            onClick={() => apply({ kind: 'e-waybill' })}
          >
            🖨 {t.pack.printWaybill}
          </button>
          <TypedEntry
            label={t.pack.trackingLabel}
            testId="pack-tracking"
            onEnter={(code) => apply({ kind: 'scan', code })}
          />
          <CarrierButtons
            chosen={state.carrier as Carrier | null}
            onChoose={(carrier) => apply({ kind: 'choose-carrier', carrier })}
          />
        </>
      )}
      {(step === 'choose-box' ||
        step === 'weigh' ||
        (step === 'scan-items' && state.items.length > 0)) && (
        <button
          type="button"
          className="button-secondary"
          data-testid="pack-restart-parcel"
          onMouseDown={keepFocus}
          onClick={() => apply({ kind: 'restart-parcel' })}
        >
          {t.pack.restartParcel}
        </button>
      )}
      {step !== 'scan-order' && step !== 'loading' && (
        <button
          type="button"
          className="button-secondary"
          data-testid="pack-next-order"
          onMouseDown={keepFocus}
          onClick={() => apply({ kind: 'next-order' })}
        >
          {t.pack.nextOrder}
        </button>
      )}
    </div>
  );
}

/** A field typed by hand (its keys are not scans); Enter sends it like a scan. */
function TypedEntry({
  label,
  testId,
  onEnter,
}: {
  label: string;
  testId: string;
  onEnter: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    onEnter(text);
    setText('');
  };
  return (
    <form className="pack-typed" onSubmit={submit}>
      <label>
        {label}
        <input
          {...{ [MANUAL_ENTRY_ATTRIBUTE]: '' }}
          data-testid={`${testId}-input`}
          value={text}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <button type="submit" className="button-secondary" data-testid={`${testId}-enter`}>
        ↵
      </button>
    </form>
  );
}
