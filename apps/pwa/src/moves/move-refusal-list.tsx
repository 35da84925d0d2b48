import './moves.css';
import { renderMovePrompt } from '@wms/domain';
import type { Language } from '@wms/protocol';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { playError } from '../device/feedback/sounds';
import { announceRendered } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import { reportError } from '../shell/problems';
import { db, type MoveRefusal } from '../storage/database';
import { readMeta } from '../storage/meta';
import { dismissMoveRefusal, markMoveRefusalsSpoken } from './move-refusals';

/**
 * Moves the server refused (the source bin had fewer units free than the move took), on every
 * screen until dismissed: red, with the reason, said aloud once.
 */
export function MoveRefusalList() {
  const t = useMessages();
  const language = useLanguage();
  const refusals = useLiveQuery(async () => (await readMeta(db, 'moveRefusals')) ?? []);
  const unspoken = refusals?.filter((r) => !r.spoken) ?? [];
  const unspokenKey = unspoken.map((r) => r.eventId).join();
  useEffect(() => {
    if (unspoken.length === 0) return;
    playError();
    for (const refusal of unspoken) announceRendered(refusalText(refusal, language));
    void markMoveRefusalsSpoken(
      db,
      unspoken.map((r) => r.eventId),
    ).catch(reportError);
  }, [unspokenKey]); // eslint-disable-line react-hooks/exhaustive-deps -- once per new refusal
  if (!refusals || refusals.length === 0) return null;
  return (
    <div className="notices">
      {refusals.map((refusal) => (
        <div
          key={refusal.eventId}
          className="banner banner-error move-refused"
          data-testid="move-refused"
          data-event={refusal.eventId}
          role="alert"
        >
          <strong>✖ {t.moves.refusedTitle}</strong>
          <span>{refusalText(refusal, language).text}</span>
          <button
            type="button"
            className="button-secondary"
            data-testid="move-refused-dismiss"
            onClick={() => void dismissMoveRefusal(db, refusal.eventId).catch(reportError)}
          >
            {t.moves.dismiss}
          </button>
        </div>
      ))}
    </div>
  );
}

function refusalText(refusal: MoveRefusal, language: Language) {
  return renderMovePrompt(
    {
      kind: 'move-refused',
      qty: refusal.move.qty,
      fromBinCode: refusal.move.fromBinCode,
      name: refusal.skuName,
      nameZh: refusal.skuNameZh,
    },
    language,
  );
}
