import type { InboundState } from '@wms/domain';
import type { ReactNode } from 'react';
import { useMessages } from '../i18n/language';
import { PromptLine } from '../picker/prompt-line';
import { InboundSignal } from './inbound-signal';

export interface InboundFrameProps {
  /** The screen's own class (`inbound`, `inbound-receive`, `inbound-qc`, `inbound-put-away`). */
  screen: string;
  onBack: () => void;
  /** A title beside the back button (the inbound home only). */
  heading?: string;
  /** An action in the header row, beside the title (costs no height on a 640 px screen). */
  headerAction?: ReactNode;
  /** The state's colour and icon, with `title` in it. */
  state: InboundState;
  title: ReactNode;
  /** What went wrong with the last scan or entry, shown above the body until the next one. */
  problem?: string | null;
  /** No task to show: the body is replaced by "no tasks". */
  noTasks?: boolean;
  footer?: ReactNode;
  children?: ReactNode;
}

/**
 * The frame every inbound screen shares: back (and a heading), the state by colour and icon, the
 * message of the last scan, the screen's body (its list or task and entry fields), the footer
 * actions and the spoken prompt.
 */
export function InboundFrame(props: InboundFrameProps) {
  const {
    screen,
    onBack,
    heading,
    headerAction,
    state,
    title,
    problem,
    noTasks,
    footer,
    children,
  } = props;
  const t = useMessages();
  return (
    <section className={`screen ${screen}`}>
      <div className="screen-header">
        <button
          type="button"
          className="button-secondary"
          data-testid="inbound-back"
          onClick={onBack}
        >
          ← {t.inbound.back}
        </button>
        {heading && <h1>{heading}</h1>}
        {headerAction}
      </div>
      <InboundSignal state={state}>{title}</InboundSignal>
      {problem && (
        <p className="error" role="alert" data-testid="error">
          {problem}
        </p>
      )}
      {noTasks ? (
        <p className="empty" data-testid="no-tasks">
          {t.inbound.noTasks}
        </p>
      ) : (
        children
      )}
      {footer && <div className="screen-footer">{footer}</div>}
      <PromptLine />
    </section>
  );
}
