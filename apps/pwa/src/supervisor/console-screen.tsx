import type { Board, BoardWave } from '@wms/protocol';
import { lazy, Suspense, useState } from 'react';
import { consoleWordsByLanguage, kindText } from '../i18n/console-words';
import { useFormats } from '../i18n/format';
import { useLanguage, useMessages } from '../i18n/language';
import type { Session } from '../storage/database';
import { boardAgeMinutes, secondsSince } from './board-age';
import { ExceptionsPanel } from './exceptions-panel';
import { InboundPanel } from './inbound-panel';
import { InboundStagesCard } from './inbound-stages-card';
import { KpiPanel } from './kpi-panel';
import { ageText, MoveDialog } from './move-dialog';
import { useBoard } from './use-board';
import './console.css';

/** The destinations map is its own chunk: the board shows before it is drawn. */
const ProvinceMap = lazy(() => import('./province-map'));

/**
 * The supervisor's console on a tablet (M2): the live board of their warehouse (orders' and
 * inbound stages), moving waves between pickers, and giving inbound work to them (issue 23).
 * Loaded lazily: handhelds never download it.
 */
export default function ConsoleScreen(props: { session: Session; onHandheld: () => void }) {
  const { session, onHandheld } = props;
  const t = useMessages();
  const format = useFormats();
  const { cached, live, nowMs, refresh } = useBoard(session.token);
  const [moving, setMoving] = useState<BoardWave | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tab, setTab] = useState<'board' | 'inbound' | 'exceptions' | 'kpis'>('board');
  const board = cached?.board;
  const stale = !live && cached !== undefined;
  return (
    <div className="console" data-testid="console" data-live={live ? 'live' : 'stale'}>
      <header className="console-header">
        <h1>{t.console.title}</h1>
        <span className="user-name">{session.user.name}</span>
        {cached && live && (
          <span className="console-live" data-testid="board-updated">
            ● {t.console.live} · {t.console.updated(format.time(cached.fetchedAt))}
          </span>
        )}
        <button type="button" className="button-secondary" onClick={onHandheld}>
          {t.console.handheld}
        </button>
      </header>
      <nav className="console-tabs" role="tablist">
        {(['board', 'inbound', 'exceptions', 'kpis'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'button-primary' : 'button-secondary'}
            data-testid={`tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t.console.tabs[name]}
          </button>
        ))}
      </nav>
      {stale && cached && (
        <p className="banner banner-warning" role="status" data-testid="board-stale">
          {t.console.stale(t.console.minutes(boardAgeMinutes(cached.fetchedAt, nowMs)))}
        </p>
      )}
      {board?.database?.reason === 'database_sync_standby_missing' && (
        <p className="banner banner-warning" role="alert" data-testid="database-blocked">
          {t.console.syncStandbyMissing}
        </p>
      )}
      {notice && (
        <p className="banner banner-info" role="status" data-testid="console-notice">
          {notice}
        </p>
      )}
      {cached === null || (cached === undefined && !live) ? (
        <p className="empty">{t.console.never}</p>
      ) : null}
      {tab === 'inbound' && (
        <InboundPanel
          token={session.token}
          pickers={board?.pickers ?? []}
          nowMs={nowMs}
          canAssign={live}
          refreshKey={cached?.fetchedAt ?? ''}
        />
      )}
      {tab === 'exceptions' && (
        <ExceptionsPanel token={session.token} pickers={board?.pickers ?? []} />
      )}
      {tab === 'kpis' && <KpiPanel token={session.token} refreshKey={cached?.fetchedAt ?? ''} />}
      {tab === 'board' && board && (
        <BoardView
          board={board}
          nowMs={nowMs}
          canMove={live}
          onMove={(wave) => {
            setNotice(null);
            setMoving(wave);
          }}
        />
      )}
      {moving && board && (
        <MoveDialog
          token={session.token}
          wave={moving}
          pickers={board.pickers}
          nowMs={nowMs}
          onClose={(moved) => {
            setMoving(null);
            if (moved) {
              setNotice(moved);
              void refresh();
            }
          }}
        />
      )}
    </div>
  );
}

function BoardView(props: {
  board: Board;
  nowMs: number;
  canMove: boolean;
  onMove: (wave: BoardWave) => void;
}) {
  const { board, nowMs, canMove, onMove } = props;
  const t = useMessages();
  const c = t.console;
  const words = consoleWordsByLanguage[useLanguage()];
  const format = useFormats();
  return (
    <div className="board">
      <section className="board-card board-waves">
        <h2>{c.waves}</h2>
        <table>
          <thead>
            <tr>
              <th>{c.wave}</th>
              <th>{c.picker}</th>
              <th>{c.progress}</th>
              <th>{c.byPicker}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {board.waves.map((wave) => (
              <tr
                key={wave.id}
                data-testid={`board-wave-${wave.code}`}
                data-wave-id={wave.id}
                data-done={wave.linesDone}
                data-total={wave.lines}
                data-assignee={wave.assigneeName ?? ''}
              >
                <td>
                  <strong translate="no">{wave.code}</strong>{' '}
                  <small data-testid="wave-status">
                    {words.waveStatus[wave.status] ?? wave.status}
                  </small>
                </td>
                <td>{wave.assigneeName ?? c.unassigned}</td>
                <td>
                  <progress max={Math.max(1, wave.lines)} value={wave.linesDone} /> {wave.linesDone}
                  /{wave.lines}
                </td>
                <td data-testid="wave-credits">
                  {wave.byPicker.map((p) => `${p.name} ${p.lines}`).join(' · ')}
                </td>
                <td>
                  {(wave.status === 'open' || wave.status === 'picking') && (
                    <button
                      type="button"
                      className="button-secondary"
                      data-testid={`move-${wave.code}`}
                      disabled={!canMove}
                      onClick={() => onMove(wave)}
                    >
                      {c.move}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="board-card board-pickers">
        <h2>{c.pickers}</h2>
        <table>
          <thead>
            <tr>
              <th>{c.picker}</th>
              <th>{c.waves}</th>
              <th>{c.currentBin}</th>
              <th>{c.lastSeen}</th>
              <th>{c.backlog}</th>
            </tr>
          </thead>
          <tbody>
            {board.pickers.map((p) => {
              const seen = secondsSince(p.lastSeenAt, nowMs);
              return (
                <tr
                  key={p.userId}
                  data-testid={`board-picker-${p.userId}`}
                  data-backlog={p.backlog}
                >
                  <td>{p.name}</td>
                  <td>{p.waveCodes.join(', ')}</td>
                  <td>{p.currentBin ?? '—'}</td>
                  <td>{seen === null ? c.neverSeen : ageText(seen, c)}</td>
                  <td className={p.backlog > 0 ? 'warn' : undefined}>{p.backlog}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="board-card">
        <h2>{c.stages}</h2>
        <ul className="stages">
          {board.stages.map((s) => {
            const waited = secondsSince(s.oldestAt, nowMs);
            return (
              <li key={s.stage} data-testid={`stage-${s.stage}`} data-count={s.count}>
                <span>{c.stage[s.stage] ?? s.stage}</span>
                <strong>{s.count}</strong>
                {waited !== null && s.stage !== 'shipped' && (
                  <small>
                    {c.oldest} {ageText(waited, c)}
                  </small>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {board.inbound && <InboundStagesCard stages={board.inbound} nowMs={nowMs} />}
      <section className="board-card">
        <h2>{c.exceptions}</h2>
        {board.exceptions.length === 0 ? (
          <p className="empty">{c.noExceptions}</p>
        ) : (
          <ul className="counts">
            {board.exceptions.map((e) => (
              <li key={e.kind} data-testid={`exceptions-${e.kind}`} data-count={e.count}>
                {kindText(words, e.kind)} <strong>{e.count}</strong>
              </li>
            ))}
          </ul>
        )}
        <h2>{c.alerts}</h2>
        {board.alerts.length === 0 ? (
          <p className="empty">{c.noAlerts}</p>
        ) : (
          <ul className="alerts" data-testid="alerts">
            {board.alerts.map((a) => (
              <li key={a.id} className={`alert alert-${a.kind}`} data-kind={a.kind}>
                <time dateTime={a.raisedAt}>{format.time(a.raisedAt)}</time>{' '}
                <strong>{words.alert[a.kind] ?? a.kind}</strong>
                {words === consoleWordsByLanguage.en && <> {a.message}</>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="board-card">
        <h2>{words.map.title}</h2>
        <Suspense fallback={<p>{t.loading}</p>}>
          <ProvinceMap provinces={board.provinces} />
        </Suspense>
      </section>
    </div>
  );
}
