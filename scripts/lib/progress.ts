import { SingleBar } from 'cli-progress';
import type { SeedProgress } from '../../api/seed/seeder';

/** A cli-progress bar on stderr for Seeder.seedSchedule (counts days scheduled; ETA included). */
export function seedProgressBar(label = 'scheduling'): SeedProgress {
  const bar = new SingleBar({
    format:
      `${label} [{bar}] {percentage}% | {value}/{total} days | ` + '{duration_formatted} elapsed | ETA {eta_formatted}',
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    stream: process.stderr,
    // Without a terminal (CI logs) print a line now and then instead of redrawing.
    noTTYOutput: !process.stderr.isTTY,
    notTTYSchedule: 5000,
    etaBuffer: 30,
  });
  return {
    start: (total) => bar.start(total, 0),
    increment: (by) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
