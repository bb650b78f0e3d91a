/**
 * `npm run deploy:local -- --env NAME [--stack S]... [--destroy] [--keep-emulator]`: applies one
 * environment into the local AWS emulator (moto server) in the documented order, or tears it down.
 * Exit 0 when every stack succeeded, 1 when one failed, 2 on a usage error.
 */
import { EMULATOR_URL_VARIABLE, DEFAULT_EMULATOR_URL, EmulatorUrlError, parseEmulatorUrl } from '@llm/terraform';
import { runCli } from '@llm/cli';
import { EmulatorError } from '@llm/emulator';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../args';
import { configuredEnvironments, SelectionError, selectStacks } from '../selection';
import { deployEnvironment, DeployUsageError } from './deploy';
import { ensureEmulator, type EmulatorSession } from './emulator-session';
import { applyFailureDetails, applyProgressLine, applyTable, staleFoldersLine } from './report';

export const DEPLOY_USAGE = `Usage: npm run deploy:local -- --env NAME [--stack NAME]... [--destroy] [--keep-emulator]
                            [--concurrency N] [--outdir DIR]

Applies one environment into the local AWS emulator (moto server) at ${EMULATOR_URL_VARIABLE}
(default ${DEFAULT_EMULATOR_URL}): <env>-bootstrap with local state, then <env>-global, then
the regional stacks, N at a time, each with terraform init and apply. Starts the emulator when none
answers at the URL, and stops it at the end unless --keep-emulator.

  --env NAME         the environment (required)
  --stack NAME       only this stack, still in apply order (repeatable)
  --destroy          tear down in reverse order; the bootstrap stack (the state bucket) is kept
  --keep-emulator    leave an emulator this command started running
  --concurrency N    regional stacks at once, 1..8 (default 2)
  --outdir DIR       synthesis folder (default cdktf.out/emulator); the folders of stacks that no
                     longer exist are removed from it, unless they hold Terraform state
  --help             print this text

Exit codes: 0 every stack succeeded, 1 a stack failed (later stacks are not run), 2 usage error.`;

interface DeployArgs {
  readonly environment: string;
  readonly stacks: string[];
  readonly destroy: boolean;
  readonly keepEmulator: boolean;
  readonly concurrency: number;
  readonly outdir: string;
  readonly help: boolean;
}

function parseDeployArgs(argv: readonly string[]): DeployArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        env: { type: 'string' },
        stack: { type: 'string', multiple: true },
        destroy: { type: 'boolean' },
        'keep-emulator': { type: 'boolean' },
        concurrency: { type: 'string' },
        outdir: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const concurrency = Number(values.concurrency ?? '2');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) {
    throw new UsageError(`--concurrency must be a whole number 1..8, got "${values.concurrency}"`);
  }
  if (!values.help && !values.env) throw new UsageError('--env is required');
  return {
    environment: values.env ?? '',
    stacks: (values.stack ?? [])
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean),
    destroy: values.destroy ?? false,
    keepEmulator: values['keep-emulator'] ?? false,
    concurrency,
    outdir: values.outdir ?? 'cdktf.out/emulator',
    help: values.help ?? false,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseDeployArgs(argv);
  if (args.help) {
    console.log(DEPLOY_USAGE);
    return 0;
  }
  // An unknown environment or stack is one line before anything is synthesized or started.
  const selection = selectStacks(configuredEnvironments(), { environments: [args.environment], stacks: args.stacks });
  const url = parseEmulatorUrl(process.env[EMULATOR_URL_VARIABLE]?.trim() || DEFAULT_EMULATOR_URL);
  const workspaceRoot = resolve(__dirname, '..', '..', '..', '..');
  let session: EmulatorSession | undefined;
  try {
    const verb = args.destroy ? 'Destroying' : 'Applying';
    console.log(`Synthesizing ${args.environment} for the emulator at ${url.origin}...`);
    const result = await deployEnvironment(
      workspaceRoot,
      {
        environment: args.environment,
        url,
        stacks: args.stacks,
        destroy: args.destroy,
        outdir: args.outdir,
        // Every stack of every environment: the folders of any other are stale and go (unless they hold state).
        known: selection.known,
        concurrency: args.concurrency,
      },
      {
        onSynthesized: (synthesis) => {
          const line = staleFoldersLine(join(args.outdir, 'stacks'), synthesis);
          if (line) console.log(line);
        },
        // Started only once the environment and stacks are known to exist.
        beforeApply: async () => {
          session = await ensureEmulator(workspaceRoot, url, { start: true });
          console.log(
            session.started
              ? `Emulator: started moto server at ${url.origin} (pid ${session.pid})`
              : `Emulator: using the moto server that answers at ${url.origin}`,
          );
          console.log(`${verb} in order, regional stacks ${args.concurrency} at a time...`);
        },
        onStackDone: (outcome, done, total) => console.log(applyProgressLine(outcome, done, total)),
      },
    );
    console.log(`\n${applyTable(result.outcomes, result.wallMs, args.destroy ? 'destroyed' : 'applied')}`);
    for (const entry of result.kept) console.log(`${entry.stack} kept: ${entry.reason}`);
    const failures = applyFailureDetails(result.outcomes);
    if (failures) console.error(failures);
    return result.outcomes.every((outcome) => outcome.ok) ? 0 : 1;
  } finally {
    if (session?.started && !args.keepEmulator) {
      await session.release();
      console.log('Emulator stopped: what this run applied is gone with it (--keep-emulator keeps it running).');
    }
  }
}

runCli(main, { usage: DEPLOY_USAGE, usageErrors: [UsageError, DeployUsageError], inputErrors: [SelectionError, EmulatorUrlError, EmulatorError] });
