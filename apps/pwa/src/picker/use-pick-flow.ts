import { isBarcodeOf } from '@wms/domain';
import type { PickLine } from '@wms/protocol';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ScanAction } from '../device/scanner/burst-detector';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { setMidLine } from '../shell/app-update';
import { reportError } from '../shell/problems';
import { db, type Session } from '../storage/database';
import { type EventDraft, recordEvent, recordPick } from '../storage/outbox';
import { announce } from '../device/speech/speech';
import { playOk, playTone } from '../device/feedback/sounds';
import { errorMessage, isStorageFullError } from '../storage/storage-errors';
import { deviceSync } from '../sync/device-sync';
import { PICK_DEBOUNCE_MS } from '../sync/sync-loop';
import {
  advancePick,
  flowFor,
  type PickDecision,
  type PickFlowState,
  type KnownSku,
  type PickInput,
  type PickStep,
} from './pick-flow';
import type { WaveView } from './wave-view';

export type SaveFailure = { kind: 'storage-full' } | { kind: 'failed'; detail: string };

export interface PickFlow {
  step: PickStep | 'wave-done';
  flow: PickFlowState | null;
  /** True from confirming a quantity until the live view includes the recorded pick. */
  saving: boolean;
  saveFailure: SaveFailure | null;
  lastPicked: { qty: number; line: PickLine } | null;
  input: (input: PickInput) => void;
}

/**
 * Drives picking the current line of a wave: scanner actions and keypad input go through the
 * pure `advancePick`; a confirmed quantity is recorded in the outbox, and input is held back
 * until the live view includes that pick, so that one Enter can never count twice.
 */
export function usePickFlow(
  view: WaveView,
  nextSeq: number,
  session: Session,
  totes: Readonly<Record<string, string>> = {},
): PickFlow {
  const line = view.currentLine;
  const [flowState, setFlowState] = useState<PickFlowState | null>(null);
  const [pendingSeq, setPendingSeq] = useState<number | null>(null);
  const [saveFailure, setSaveFailure] = useState<SaveFailure | null>(null);
  const [lastPicked, setLastPicked] = useState<PickFlow['lastPicked']>(null);
  // Handlers may run twice before React renders again (two scans in one task): they read these.
  const live = useRef({
    flow: null as PickFlowState | null,
    pendingSeq: null as number | null,
    nextSeq,
    /** `nextSeq` when the save in flight began: the view counts that event once it moves on. */
    savingFrom: nextSeq,
    /** Inputs that came while a save was in flight: applied, in order, once the view shows it. */
    waiting: [] as PickInput[],
  });
  // In the commit that shows the view (see useScanActions): a scan right after must see it.
  useLayoutEffect(() => {
    live.current.nextSeq = nextSeq;
  }, [nextSeq]);

  const saving = pendingSeq !== null && nextSeq <= pendingSeq;
  const flow = line ? flowFor(flowState, line) : null;
  const step = flow?.step ?? 'wave-done';
  const keyingCheckDigits = flow?.binDigits != null;

  const midLine = saving || keyingCheckDigits || step === 'scan-item' || step === 'confirm-qty';
  useEffect(() => setMidLine(midLine), [midLine]);
  useEffect(() => () => setMidLine(false), []);

  const setFlow = (state: PickFlowState) => {
    live.current.flow = state;
    setFlowState(state);
  };
  const setPending = (seq: number | null) => {
    live.current.pendingSeq = seq;
    setPendingSeq(seq);
  };
  const isSaving = () => {
    const { pendingSeq, nextSeq: seen, savingFrom } = live.current;
    if (pendingSeq === null) return false;
    // Stored, but its callback has not run yet: the live view may already show the event (its
    // seq is `savingFrom`), and a scan made on that screen must count, not be dropped.
    if (pendingSeq === Infinity) return seen <= savingFrom;
    return seen <= pendingSeq;
  };

  const save = (
    record: Promise<{ seq: number }>,
    before: PickFlowState,
    onSaved: () => void = () => undefined,
  ) => {
    live.current.savingFrom = live.current.nextSeq;
    setPending(Infinity);
    // Two callbacks, not then/catch: only a failed transaction may say "not saved".
    record.then(
      (event) => {
        setPending(event.seq);
        onSaved();
        deviceSync.requestSync(PICK_DEBOUNCE_MS);
      },
      (error: unknown) => {
        live.current.waiting.length = 0;
        setPending(null);
        setFlow(before);
        setSaveFailure(
          isStorageFullError(error)
            ? { kind: 'storage-full' }
            : { kind: 'failed', detail: errorMessage(error) },
        );
        reportError(error);
      },
    );
  };

  const eventBase = () => ({
    userId: session.user.id,
    assignmentVersion: view.wave.assignmentVersion,
  });
  const language = session.user.language;

  const record = (current: PickLine, decision: PickDecision, before: PickFlowState) => {
    const { recordQty: qty, recordShort, reportLabel } = decision;
    if (qty !== undefined) {
      const toteCode = totes[current.orderId];
      const pick = { line: current, qty, lot: decision.recordLot, toteCode, ...eventBase() };
      save(recordPick(db, pick), before, () => {
        setLastPicked({ qty, line: current });
        playOk();
      });
    }
    const where = { pickLineId: current.id, waveId: current.waveId, binCode: current.binCode };
    const draft: EventDraft | null = recordShort
      ? {
          ...eventBase(),
          type: 'short@1',
          payload: {
            ...where,
            skuId: current.skuId,
            shortQty: recordShort.qty,
            reason: recordShort.reason,
          },
        }
      : reportLabel
        ? {
            ...eventBase(),
            type: 'bin-label-failed@1',
            payload: { ...where, attempts: reportLabel.attempts },
          }
        : null;
    if (draft) save(recordEvent(db, draft), reportLabel ? decision.state : before);
  };

  const input = (pickInput: PickInput) => {
    if (!line) return;
    // A scan right after a confirmed pick (the next item in the same bin) must not be lost while
    // the pick is stored: it waits, and is handled against the line the view shows next.
    if (isSaving()) {
      live.current.waiting.push(pickInput);
      return;
    }
    const before = flowFor(live.current.flow, line);
    const decision = advancePick(before, line, pickInput, {
      today: localIsoDate(new Date()),
      skuOfBarcode: (code) => skuOfBarcode(view.lines, code),
    });
    setFlow(decision.state);
    setSaveFailure(null);
    if (pickInput.kind === 'scan') setLastPicked(null);
    // A recorded pick sounds once it is stored (see `record`).
    if (decision.tone && decision.recordQty === undefined) playTone(decision.tone);
    if (decision.prompt) announce(decision.prompt, language);
    record(line, decision, before);
  };

  // Once the view shows the stored pick (or the save failed), the inputs that waited run, in the
  // same commit, before any newer scan; a failed save drops them (its failure is on screen).
  useLayoutEffect(() => {
    if (saving || live.current.waiting.length === 0) return;
    live.current.waiting.splice(0).forEach(input);
  });

  useScanActions((action) => scanActionInputs(action).forEach(input));

  return { step, flow, saving, saveFailure, lastPicked, input };
}

/** The product of a scanned code among the wave's lines: a wrong item is named when it is known. */
function skuOfBarcode(lines: readonly PickLine[], code: string): KnownSku | undefined {
  const line = lines.find((l) => isBarcodeOf(l.barcodes, code));
  return line && { name: line.skuName, nameZh: line.skuNameZh };
}

/** Today on the device's calendar, as an ISO date (lot expiry is a local calendar date). */
function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Scanner actions as pick inputs; digits typed on a hardware keypad go to the quantity. */
function scanActionInputs(action: ScanAction): PickInput[] {
  switch (action.kind) {
    case 'scan':
    case 'confirm':
    case 'ime-blocked':
    case 'repeat':
      return [action];
    case 'misread':
      return [{ kind: 'misread' }];
    case 'typed':
      return [...action.text]
        .filter((char) => /\d/.test(char))
        .map((digit) => ({ kind: 'digit', digit }));
  }
}
