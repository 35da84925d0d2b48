import { registerSW } from 'virtual:pwa-register';
import { errorMessage } from '../storage/storage-errors';
import { onUpdateRequired } from '../sync/update-required';
import { reportError, reportProblem } from './problems';

/** How often a long-running page asks the server for a new service worker (vite-plugin-pwa#482). */
const UPDATE_CHECK_MS = 10 * 60_000;

export interface AppUpdateState {
  /** A new version is installed and waiting. */
  updateReady: boolean;
  /** The app shell is cached: the app starts without a network from now on. */
  offlineReady: boolean;
  /** The picker is in the middle of a line: an update (which reloads) must wait. */
  midLine: boolean;
  /** The server no longer reads this version: the update applies itself between lines. */
  updateRequired: boolean;
}

type Listener = () => void;

let state: AppUpdateState = {
  updateReady: false,
  offlineReady: false,
  midLine: false,
  updateRequired: false,
};
let applyWaitingWorker: (() => Promise<void>) | undefined;
let registered: ServiceWorkerRegistration | undefined;
const listeners = new Set<Listener>();

function update(patch: Partial<AppUpdateState>): void {
  state = { ...state, ...patch };
  listeners.forEach((listener) => listener());
}

/**
 * Registers the service worker (`registerType: 'prompt'`): a new version waits until the picker
 * applies it between lines; it is looked for periodically while online.
 */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) {
    reportProblem({ kind: 'offline-unavailable', detail: 'service workers need HTTPS' });
    return;
  }
  onUpdateRequired(() => {
    update({ updateRequired: true });
    if (state.updateReady) applyUpdate();
    else if (registered) checkForUpdate(registered);
  });
  applyWaitingWorker = registerSW({
    onNeedRefresh: () => {
      update({ updateReady: true });
      if (state.updateRequired) applyUpdate();
    },
    onOfflineReady: () => update({ offlineReady: true }),
    onRegisteredSW: (_url, registration) => {
      registered = registration;
      if (registration) setInterval(() => checkForUpdate(registration), UPDATE_CHECK_MS);
    },
    onRegisterError: (error: unknown) =>
      reportProblem({ kind: 'offline-unavailable', detail: errorMessage(error) }),
  });
}

function checkForUpdate(registration: ServiceWorkerRegistration): void {
  if (!navigator.onLine || registration.installing) return;
  // An unreachable server only means "no news"; the next check will try again.
  registration.update().catch(() => undefined);
}

/** Activates the waiting version (the page reloads), unless the picker is mid-line. */
export function applyUpdate(): void {
  if (state.midLine || !applyWaitingWorker) return;
  applyWaitingWorker().catch(reportError);
}

/**
 * Called as the picker moves between steps. Only the waiting update's prompt shows it, so the
 * screen is told only while an update waits: a step change then costs no redraw of the prompt.
 */
export function setMidLine(midLine: boolean): void {
  if (state.midLine === midLine) return;
  if (state.updateReady) update({ midLine });
  else state = { ...state, midLine };
  // A required update waited for the line to end: this is the moment.
  if (!midLine && state.updateReady && state.updateRequired) applyUpdate();
}

export function currentAppUpdate(): AppUpdateState {
  return state;
}

export function subscribeToAppUpdate(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
