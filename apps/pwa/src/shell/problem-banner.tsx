import { useMessages } from '../i18n/language';
import type { Messages } from '../i18n/messages-en';
import { dismissProblems, type Problem } from './problems';
import { useProblems } from './use-problems';

/** Failures the picker must act on: full storage, a database closed by a newer app version. */
export function ProblemBanner() {
  const t = useMessages();
  const problems = useProblems();
  if (problems.length === 0) return null;
  const mustReload = problems.some((problem) => problem.kind === 'database-closed');
  return (
    <div className="banner banner-error" data-testid="problem" role="alert">
      <ul>
        {problems.map((problem) => (
          <li key={problemText(problem, t)}>{problemText(problem, t)}</li>
        ))}
      </ul>
      {mustReload ? (
        <button type="button" className="button-secondary" onClick={() => window.location.reload()}>
          {t.problem.reload}
        </button>
      ) : (
        <button type="button" className="button-secondary" onClick={dismissProblems}>
          {t.problem.dismiss}
        </button>
      )}
    </div>
  );
}

function problemText(problem: Problem, t: Messages): string {
  switch (problem.kind) {
    case 'storage-full':
      return t.problem.storageFull;
    case 'database-closed':
      return t.problem.databaseClosed;
    case 'offline-unavailable':
      return t.problem.offlineUnavailable(problem.detail);
    case 'failure':
      return t.problem.failure(problem.detail);
  }
}
