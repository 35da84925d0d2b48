import type { BoardInboundStage } from '@wms/protocol';
import { useMessages } from '../i18n/language';
import { secondsSince } from './board-age';
import { StageIcon } from './inbound-stage-signal';
import { ageText } from './move-dialog';

/**
 * The board's inbound stages beside the orders' (issue 23): how many notices or tasks wait in
 * each, their units, and how long the oldest has waited, each stage by colour and icon.
 */
export function InboundStagesCard(props: { stages: readonly BoardInboundStage[]; nowMs: number }) {
  const { stages, nowMs } = props;
  const c = useMessages().console;
  const w = c.inbound;
  return (
    <section className="board-card" data-testid="inbound-stages">
      <h2>{w.stagesTitle}</h2>
      <ul className="stages inbound-stages">
        {stages.map((s) => {
          const waited = secondsSince(s.oldestAt, nowMs);
          return (
            <li
              key={s.stage}
              data-testid={`inbound-stage-${s.stage}`}
              data-count={s.count}
              data-units={s.units}
            >
              <StageIcon stage={s.stage} />
              <span>{w.stage[s.stage]}</span>
              <strong>{s.count}</strong>
              <small>{w.units(s.units)}</small>
              {waited !== null && (
                <small data-testid="inbound-stage-oldest">
                  {c.oldest} {ageText(waited, c)}
                </small>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
