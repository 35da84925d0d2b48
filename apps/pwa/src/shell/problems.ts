import { isStorageFullError, errorMessage } from '../storage/storage-errors';

/**
 * Problems the picker must see and act on, shown in a banner until resolved: the device storage
 * is full, the database was closed by a newer version of the app, or some other failure that
 * would otherwise go unnoticed. Never swallow an error; report it here.
 */
export type Problem =
  | { kind: 'storage-full'; detail: string }
  | { kind: 'database-closed' }
  /** No service worker: the app will not open without a network (e.g. plain HTTP on the LAN). */
  | { kind: 'offline-unavailable'; detail: string }
  | { kind: 'failure'; detail: string };

type Listener = () => void;

let problems: readonly Problem[] = [];
const listeners = new Set<Listener>();

export function reportProblem(problem: Problem): void {
  if (problems.some((known) => JSON.stringify(known) === JSON.stringify(problem))) return;
  problems = [...problems, problem];
  listeners.forEach((listener) => listener());
}

/** Reports an error caught somewhere it cannot be shown in context. */
export function reportError(error: unknown): void {
  reportProblem(
    isStorageFullError(error)
      ? { kind: 'storage-full', detail: errorMessage(error) }
      : { kind: 'failure', detail: errorMessage(error) },
  );
}

export function dismissProblems(): void {
  problems = problems.filter((problem) => problem.kind === 'database-closed');
  listeners.forEach((listener) => listener());
}

export function currentProblems(): readonly Problem[] {
  return problems;
}

export function subscribeToProblems(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
