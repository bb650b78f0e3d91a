/** `npm run worker`: exit 0 when the command did its job, 2 on usage errors and refusals (nothing changed), 1 on AWS errors. */
import { runCli } from '@llm/cli';
import { parseWorkerArgs, USAGE } from './args';
import { runCommand } from './commands';
import { awsDeps } from './deps';
import { UsageError, WorkerRefusal } from './errors';

async function main(argv: readonly string[]): Promise<number> {
  const options = parseWorkerArgs(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  return runCommand(options, awsDeps);
}

runCli(main, { usage: USAGE, usageErrors: [UsageError], inputErrors: [WorkerRefusal] });
