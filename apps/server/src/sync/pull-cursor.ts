/**
 * A position in the change feed: everything at or before `(txid, id)` has been served. The
 * scope key is part of it, so a cursor minted for another user or warehouse is not honoured.
 */
export interface PullCursor {
  txid: string;
  id: number;
  scopeKey: string;
}

const VERSION = 'c1';

export function encodeCursor(cursor: PullCursor): string {
  return [VERSION, cursor.txid, cursor.id, cursor.scopeKey].join(':');
}

/** The cursor in `text`, or null when absent, malformed or of another scope (→ a full snapshot). */
export function decodeCursor(text: string | undefined, scopeKey: string): PullCursor | null {
  if (!text) return null;
  const [version, txid, id, ...key] = text.split(':');
  if (version !== VERSION || !txid || !/^\d{1,20}$/.test(txid) || !id || !/^\d{1,18}$/.test(id))
    return null;
  if (key.join(':') !== scopeKey) return null;
  return { txid, id: Number(id), scopeKey };
}
