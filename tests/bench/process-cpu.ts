import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) of processes on this machine, read from /proc: on a machine
 * shared with other work, CPU spent per request is a steadier figure than latency. Linux only;
 * elsewhere (or for a process gone meanwhile) a pid reads as 0.
 */
export function cpuMsOf(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command (which is in parentheses and may hold spaces): utime is the
      // 12th, stime the 13th of what follows ")".
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone, or not Linux
    }
  }
  return ticks * TICK_MS;
}

/** Linux counts CPU time in clock ticks of 10 ms (USER_HZ 100 on every common build). */
const TICK_MS = 10;

/** The pids of this process's children whose command line contains `marker`. */
export function childPids(marker: string): number[] {
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(marker)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
