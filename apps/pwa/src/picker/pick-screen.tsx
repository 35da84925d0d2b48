import { useEffect, useState } from 'react';
import { cachePictures } from '../device/pictures/picture-cache';
import type { Session } from '../storage/database';
import { useLanguage, useMessages } from '../i18n/language';
import { PickLineCard } from './pick-line-card';
import { pickErrorText, saveFailureText, skuName } from './pick-messages';
import { LineActions } from './line-actions';
import { PromptLine } from './prompt-line';
import { StatusSignal } from './status-signal';
import { ToteSetup, useWaveTotes } from './tote-setup';
import { useLinePrompt } from './use-line-prompt';
import { usePickFlow } from './use-pick-flow';
import { useWaveView } from './use-wave-view';
import type { WaveView } from './wave-view';

export interface PickScreenProps {
  session: Session;
  waveId: string;
  onLeave: () => void;
}

/** Picking one wave, line by line along the pick path: bin, item, quantity. */
export function PickScreen({ session, waveId, onLeave }: PickScreenProps) {
  const t = useMessages();
  const state = useWaveView(waveId);
  if (state.status === 'loading') return <p className="screen">{t.loading}</p>;
  if (state.status === 'gone') {
    return (
      <section className="screen">
        <p className="error" data-testid="wave-gone">
          {t.pick.waveGone}
        </p>
        <BackButton onLeave={onLeave} />
      </section>
    );
  }
  return (
    <PickWaveOrTotes
      session={session}
      view={state.view}
      nextSeq={state.nextSeq}
      movedOff={state.movedOff}
      onLeave={onLeave}
    />
  );
}

/** Cluster picking: the tote scan comes first when the picker asks for it (only before any pick). */
function PickWaveOrTotes(props: PickWaveProps) {
  const [settingTotes, setSettingTotes] = useState(false);
  const totes = useWaveTotes(props.view.wave.id) ?? {};
  if (settingTotes) return <ToteSetup view={props.view} onDone={() => setSettingTotes(false)} />;
  return <PickWave {...props} totes={totes} onSetTotes={() => setSettingTotes(true)} />;
}

interface PickWaveProps {
  session: Session;
  view: WaveView;
  nextSeq: number;
  /** Lines of the wave a supervisor moved to another picker. */
  movedOff: number;
  onLeave: () => void;
}

interface PickWaveWithTotesProps extends PickWaveProps {
  totes: Record<string, string>;
  onSetTotes: () => void;
}

function PickWave(props: PickWaveWithTotesProps) {
  const { session, view, nextSeq, movedOff, onLeave, totes, onSetTotes } = props;
  const t = useMessages();
  const language = useLanguage();
  const pick = usePickFlow(view, nextSeq, session, totes);
  const line = view.currentLine;
  useLinePrompt(view, language, { movedOff, lastPicked: pick.lastPicked });
  // Every picture of the wave, cached while there is signal (each is fetched once per page).
  useEffect(() => {
    void cachePictures(view.lines.map((waveLine) => waveLine.imageUrl));
  }, [view.lines]);
  // A new line opens at the top, its "scan the bin" in view (after a short it opened scrolled down).
  const lineId = line?.id;
  useEffect(() => {
    // A block, not an expression: Chromium's scrollTo now returns a promise, not a cleanup.
    window.scrollTo(0, 0);
  }, [lineId]);
  const error = pick.saveFailure
    ? saveFailureText(pick.saveFailure, t)
    : line && pick.flow?.error
      ? pickErrorText(pick.flow.error, line, language, t)
      : null;

  return (
    <section className="screen step-screen pick">
      <div className="screen-header">
        <button
          type="button"
          className="button-secondary"
          data-testid="leave-wave"
          onClick={onLeave}
        >
          ← {t.pick.leave}
        </button>
        <span className="wave-heading">
          <span className="wave-title" data-testid="pick-wave">
            {t.pick.wave(view.wave.code)}
          </span>
          <span
            className="line-of"
            data-testid="pick-progress"
            data-done={view.doneLines}
            data-total={view.totalLines}
          >
            {line && t.pick.lineOf(view.currentPosition, view.totalLines)}
          </span>
        </span>
        {view.doneLines === 0 && (
          <button
            type="button"
            className="button-secondary"
            data-testid="open-totes"
            onClick={onSetTotes}
          >
            {t.totes.open}
          </button>
        )}
      </div>
      <StatusSignal step={pick.step} error={error !== null}>
        {pick.step === 'wave-done' && movedOff > 0 ? t.pick.partDoneTitle : t.pick.step[pick.step]}
      </StatusSignal>
      <PromptLine />
      {error && (
        <p className="error error-loud" role="alert" data-testid="error">
          {error}
        </p>
      )}
      {pick.lastPicked && !error && line && (
        <p className="ok" role="status" data-testid="pick-ok">
          {t.pick.picked(pick.lastPicked.qty, skuName(pick.lastPicked.line, language))}
        </p>
      )}
      {line && pick.flow ? (
        <>
          <PickLineCard
            line={line}
            step={pick.flow.step}
            keyingCheckDigits={pick.flow.binDigits !== null}
          />
          {totes[line.orderId] && (
            <p className="pick-tote" data-testid="pick-tote">
              🧺 {t.totes.putIn(totes[line.orderId] ?? '')}
            </p>
          )}
          <LineActions line={line} flow={pick.flow} saving={pick.saving} onInput={pick.input} />
        </>
      ) : (
        <div className="wave-done">
          <p data-testid="wave-done" data-moved-off={movedOff}>
            {movedOff > 0
              ? t.pick.partDone(view.wave.code, view.doneLines, movedOff)
              : t.pick.waveDone(view.wave.code)}
          </p>
          <BackButton onLeave={onLeave} />
        </div>
      )}
    </section>
  );
}

function BackButton({ onLeave }: { onLeave: () => void }) {
  const t = useMessages();
  return (
    <button type="button" className="button-primary" data-testid="back-to-waves" onClick={onLeave}>
      {t.pick.backToWaves}
    </button>
  );
}
