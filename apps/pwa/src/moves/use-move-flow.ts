import { renderMovePrompt, renderPrompt } from '@wms/domain';
import type { Language, MoveWork, StockMovedPayload } from '@wms/protocol';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { playTone } from '../device/feedback/sounds';
import type { ScanAction } from '../device/scanner/burst-detector';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { announceRendered } from '../device/speech/speech';
import { useLanguage } from '../i18n/language';
import { reportError } from '../shell/problems';
import { db, type Session } from '../storage/database';
import { recordEvent } from '../storage/outbox';
import { deviceSync } from '../sync/device-sync';
import { PICK_DEBOUNCE_MS } from '../sync/sync-loop';
import {
  advanceMove,
  initialMoveState,
  type MoveInput,
  type MoveSaying,
  type MoveState,
} from './move-flow';

/** A move belongs to no wave: its assignment version is 0. */
const NO_WAVE = 0;

/** What a saying is in the worker's language (shown and spoken). */
export function renderSaying(saying: MoveSaying, language: Language) {
  return saying.of === 'move'
    ? renderMovePrompt(saying.prompt, language)
    : renderPrompt(saying.prompt, language);
}

/**
 * The move flow on the handheld: scanner actions and keys go through `advanceMove` against the
 * latest stock view; a finished move is written to the outbox (the same outbox and push as
 * picks) before "moved" sounds and is said.
 */
export function useMoveFlow(session: Session, work: MoveWork) {
  const language = useLanguage();
  const [state, setState] = useState<MoveState>(initialMoveState);
  // Scans may come faster than renders: each input sees the state and stock the last one left.
  const live = useRef({ state, work });
  // The latest stock view, taken in the commit that draws it (as useScanActions takes its handler).
  useLayoutEffect(() => {
    live.current.work = work;
  });

  const input = (moveInput: MoveInput) => {
    const decision = advanceMove(live.current.state, moveInput, live.current.work);
    live.current.state = decision.state;
    setState(decision.state);
    const tell = () => {
      if (decision.tone) playTone(decision.tone);
      if (decision.say) announceRendered(renderSaying(decision.say, language));
    };
    if (!decision.record) return tell();
    void recordMove(session.user.id, decision.record)
      .then(() => {
        tell();
        deviceSync.requestSync(PICK_DEBOUNCE_MS);
      })
      .catch(reportError);
  };

  useEffect(() => {
    announceRendered(renderMovePrompt({ kind: 'move-start' }, language));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once, when the screen opens

  useScanActions((action) => scanActionInputs(action).forEach(input));
  return { state, input };
}

function recordMove(userId: string, payload: StockMovedPayload) {
  return recordEvent(db, { type: 'stock-moved@1', userId, assignmentVersion: NO_WAVE, payload });
}

/** Scanner actions as move inputs; digits typed on a hardware keypad go to the quantity. */
function scanActionInputs(action: ScanAction): MoveInput[] {
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
