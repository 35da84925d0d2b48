import { type HistoryShape, historyStatements } from './history-sql';

/** Runs one SQL statement on the database being built (one connection: order matters). */
export type RunStatement = (text: string) => Promise<unknown>;

/**
 * Adds `shape`'s history to a migrated, demo-seeded database, one set-based statement at a
 * time. Returns how long each step took (ms), for the bench's log.
 */
export async function buildHistory(
  run: RunStatement,
  shape: HistoryShape,
  log: (line: string) => void = () => {},
): Promise<{ step: string; ms: number }[]> {
  const steps: { step: string; ms: number }[] = [];
  for (const { name, text } of historyStatements(shape)) {
    const started = performance.now();
    for (const statement of text.split(/;\s*\n/)) if (statement.trim()) await run(statement);
    const ms = Math.round(performance.now() - started);
    steps.push({ step: name, ms });
    log(`  history: ${name} ${ms} ms`);
  }
  return steps;
}
