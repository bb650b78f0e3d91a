/** Runs one parsed command against the region's AWS clients; returns the exit code. Separate from main so tests run it without exiting. */
import type { WorkerOptions } from './args';
import type { WorkerDeps } from './deps';
import { formatLaunched, launchWorker } from './launch';
import { listWorkers } from './list';
import { sshWorker } from './ssh';
import { stopWorkers } from './stop';
import { resolveTarget } from './target';
import { terminateWorkers } from './terminate';

export async function runCommand(options: WorkerOptions, deps: (region: string) => WorkerDeps): Promise<number> {
  // The target is resolved before any client exists, so an unknown environment or region is refused without touching AWS.
  const resolved = resolveTarget(options.env, options.region);
  const io = deps(resolved.region);
  const print = (lines: readonly string[]) => lines.forEach((line) => io.out(line));
  switch (options.command) {
    case 'launch':
      print(formatLaunched(await launchWorker(io, resolved, options.hours), resolved.region));
      return 0;
    case 'list':
      print(await listWorkers(io, resolved));
      return 0;
    case 'ssh':
      return sshWorker(io, resolved, options.id);
    case 'stop':
      print(await stopWorkers(io, resolved, options.selection));
      return 0;
    case 'terminate':
      print(await terminateWorkers(io, resolved, options.selection));
      return 0;
  }
}
