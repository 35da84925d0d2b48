import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ErrorBoundary } from './shell/error-boundary';
import { startScanner } from './device/scanner/scanner';
import { startServiceWorker } from './shell/app-update';
import { readFirstScreen } from './shell/first-screen';
import { reportError, reportProblem } from './shell/problems';
import { exposeTestHooks } from './shell/test-hooks';
import { closeOnVersionChange, db } from './storage/database';
import { deviceSync } from './sync/device-sync';
import './shell/app.css';

closeOnVersionChange(db, () => reportProblem({ kind: 'database-closed' }));
// First: the database opens and reads while the rest of the start-up runs.
const firstScreenRead = readFirstScreen(db);
window.addEventListener('unhandledrejection', (event) => reportError(event.reason));
startScanner(document);
deviceSync.start();
exposeTestHooks(deviceSync);
startServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const reactRoot = createRoot(root);
void firstScreenRead.then(() =>
  reactRoot.render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  ),
);
