/**
 * Chrome reports a full disk as QuotaExceededError or, inconsistently, as AbortError
 * (matrix-org storage notes). Dexie wraps the original as `inner`.
 */
export function isStorageFullError(error: unknown): boolean {
  const names = errorNames(error);
  return names.includes('QuotaExceededError') || names.includes('AbortError');
}

/** True for errors raised by IndexedDB/Dexie rather than by the network or the app. */
export function isStorageError(error: unknown): boolean {
  return errorNames(error).some((name) => STORAGE_ERROR_NAMES.has(name));
}

const STORAGE_ERROR_NAMES = new Set([
  'QuotaExceededError',
  'AbortError',
  'DatabaseClosedError',
  'InvalidStateError',
  'UnknownError',
  'OpenFailedError',
  'VersionError',
  'TransactionInactiveError',
  'PrematureCommitError',
  'ConstraintError',
  'DataError',
]);

function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && typeof current === 'object' && current !== null; depth++) {
    const { name, inner } = current as { name?: unknown; inner?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner;
  }
  return names;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
