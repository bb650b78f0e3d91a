/** Command-line options of `npm run worker`: one command, the environment and region, and the command's own flags. */
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

export const COMMANDS = ['launch', 'list', 'ssh', 'stop', 'terminate'] as const;
export type WorkerCommand = (typeof COMMANDS)[number];

/** Two hours covers a working session; maxHours caps it for a region that allows only one. */
export const DEFAULT_HOURS = 2;

export const USAGE = `Usage: npm run worker -- launch    --env ENV --region REGION [--hours N]
       npm run worker -- list      --env ENV --region REGION
       npm run worker -- ssh       --env ENV --region REGION --id i-...
       npm run worker -- stop      --env ENV --region REGION (--id i-... [--id i-...] | --all)
       npm run worker -- terminate --env ENV --region REGION (--id i-... [--id i-...] | --all)

On-demand EC2 workers of one environment and region, started from the launch template the
stacks create (regions[].workers in the environment's config). launch tags the worker with
ExpiresAt = now + N hours (default ${DEFAULT_HOURS}, at most workers.maxHours) and refuses beyond
workers.maxInstances; the janitor terminates it after ExpiresAt. stop and terminate act only on the
environment's own workers. ssh opens an SSM Session Manager session (no SSH keys).
Credentials and endpoints come from the usual AWS_* variables.

  --env ENV        the environment (environments/<env>/config.ts)
  --region REGION  one of its regions with workers configured
  --hours N        launch: hours until ExpiresAt (default ${DEFAULT_HOURS}, at most workers.maxHours)
  --id i-...       the worker to ssh into, stop or terminate (repeatable for stop and terminate)
  --all            stop or terminate every worker of the environment in the region
  --help           print this text`;

export type WorkerOptions =
  | { readonly command: 'launch'; readonly env: string; readonly region: string; readonly hours?: number }
  | { readonly command: 'list'; readonly env: string; readonly region: string }
  | { readonly command: 'ssh'; readonly env: string; readonly region: string; readonly id: string }
  | { readonly command: 'stop' | 'terminate'; readonly env: string; readonly region: string; readonly selection: WorkerSelection };

/** Which workers stop/terminate act on: named ones, or every one of the environment in the region. */
export type WorkerSelection = { readonly ids: readonly string[] } | { readonly all: true };

const INSTANCE_ID = /^i-[0-9a-f]{8}([0-9a-f]{9})?$/;

export function parseWorkerArgs(argv: readonly string[]): WorkerOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        env: { type: 'string' },
        region: { type: 'string' },
        hours: { type: 'string' },
        id: { type: 'string', multiple: true },
        all: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? `give a command: ${COMMANDS.join(', ')}` : `give one command, got ${positionals.join(' ')}`);
  }
  const command = positionals[0];
  if (!isCommand(command)) throw new UsageError(`unknown command "${command}"; commands: ${COMMANDS.join(', ')}`);
  const missing = (['env', 'region'] as const).filter((name) => !values[name]);
  if (missing.length > 0) throw new UsageError(`${command} needs ${missing.map((name) => `--${name}`).join(' and ')}`);
  const target = { env: values.env as string, region: values.region as string };
  const ids = values.id ?? [];
  refuseFlags(command, { hours: values.hours !== undefined && command !== 'launch', id: ids.length > 0 && !['ssh', 'stop', 'terminate'].includes(command) });
  refuseFlags(command, { all: values.all === true && command !== 'stop' && command !== 'terminate' });
  for (const id of ids) {
    if (!INSTANCE_ID.test(id)) throw new UsageError(`--id ${id} is not an EC2 instance id (i- and 8 or 17 hex digits)`);
  }

  switch (command) {
    case 'launch':
      return { command, ...target, ...(values.hours === undefined ? {} : { hours: parseHours(values.hours) }) };
    case 'list':
      return { command, ...target };
    case 'ssh':
      if (ids.length !== 1) throw new UsageError(`ssh needs exactly one --id, got ${ids.length}`);
      return { command, ...target, id: ids[0] };
    case 'stop':
    case 'terminate':
      if (values.all && ids.length > 0) throw new UsageError(`${command} takes --id or --all, not both`);
      if (!values.all && ids.length === 0) throw new UsageError(`${command} needs --id i-... (repeatable) or --all`);
      return { command, ...target, selection: values.all ? { all: true } : { ids: [...new Set(ids)] } };
  }
}

function isCommand(text: string): text is WorkerCommand {
  return (COMMANDS as readonly string[]).includes(text);
}

function refuseFlags(command: string, given: Record<string, boolean>): void {
  const wrong = Object.keys(given).filter((flag) => given[flag]);
  if (wrong.length > 0) throw new UsageError(`${command} does not take ${wrong.map((flag) => `--${flag}`).join(' or ')}`);
}

/** Whole hours only: ExpiresAt and the janitor's maxHours rule both count in hours. The range against maxHours is launch's check. */
function parseHours(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--hours must be a whole number of hours, got "${text}"`);
  return Number(text);
}
