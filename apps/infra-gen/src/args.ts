/** Command-line options and environment of `npm run infra`. */
import { DEFAULT_EMULATOR_URL, EMULATOR_URL_VARIABLE, EmulatorUrlError, parseEmulatorUrl } from '@llm/terraform';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { unknownAcceptError, unknownEnvironmentError, UsageError } from './errors';
import { ACCEPTABLE, type Acceptable } from './verdict';

export interface InfraGenOptions {
  /** The change, in the user's words. */
  readonly description: string;
  /** The one environment the change may touch. @default - the model names it (one of the known environments) */
  readonly env: string | undefined;
  readonly applyToSource: boolean;
  readonly model: string;
  readonly apiKey: string;
  /** Finding kinds the user accepts in advance: they no longer fail the proof. */
  readonly accept: readonly Acceptable[];
  /** Where synthesis, plans and the patch go. @default cdktf.out/infra (relative to the current directory) */
  readonly outDir: string;
  /** Plan against the state of the emulator at this URL (--emulator; INFRA_EMULATOR_URL or its default). @default - offline */
  readonly emulatorUrl: URL | undefined;
}

export const USAGE = `Usage: npm run infra -- "<the change>" [--env E] [--apply-to-source] [--model M] [--accept destructive,broadening,exposure,cost] [--out-dir DIR]
                     [--emulator]

Asks an OpenAI model for a change to one environment's configuration (environments/<env>/config.ts)
as JSON Patch operations, checks it (scope, the full configuration validation), proves it (synthesis,
offline terraform plans of the environment's stacks against the unchanged configuration, the review
and the cost estimate against the budget), and prints the configuration diff and the proof. A failed
check or proof goes back to the model once. Nothing is written to the source unless asked.

  "<the change>"       what to change, in one quoted argument ("add eu-north-1 to staging with a single NAT")
  --env E              the environment the change may touch (default: the one the model names)
  --apply-to-source    edit environments/<env>/config.ts in place (comments and formatting kept), then validate again
  --model M            OpenAI model (default: $OPENAI_MODEL)
  --accept KINDS       finding kinds that do not fail the proof: destructive (deletes, replaces),
                       broadening (IAM), exposure (public access), cost (over the budget); comma-separated
  --out-dir DIR        where synthesis, plans and the patch file go (default: cdktf.out/infra)
  --emulator           prove against the emulator at ${EMULATOR_URL_VARIABLE} (default ${DEFAULT_EMULATOR_URL}) where
                       npm run deploy:local applied the environment: every plan refreshes against its real state
  --help               print this text

Environment: OPENAI_API_KEY (required), OPENAI_MODEL, OPENAI_BASE_URL (honoured by the client),
TF_PROVIDER_MIRROR, INFRA_PLAN_CACHE_DIR (offline plans of unchanged stacks are reused from there).
Without --apply-to-source the diff is written as <out-dir>/infra-<env>-<timestamp>.patch (git apply).
Exit codes: 0 proven, 2 usage error, 3 model output invalid (after one retry),
4 could not prove (after one retry), 1 unexpected error (the OpenAI API failing included).`;

/** Every option the command accepts, as parseArgs reads them. USAGE lists each: the --help spec takes its list from here. */
export const OPTIONS = {
  env: { type: 'string' },
  'apply-to-source': { type: 'boolean' },
  model: { type: 'string' },
  accept: { type: 'string', multiple: true },
  'out-dir': { type: 'string' },
  emulator: { type: 'boolean' },
  help: { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export type ParsedArgs = { readonly help: true } | ({ readonly help: false } & InfraGenOptions);

export function parseInfraGenArgs(argv: readonly string[], env: NodeJS.ProcessEnv, known: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length === 0 || positionals[0].trim() === '')
    throw new UsageError('say what to change, as the first argument: npm run infra -- "add eu-north-1 to staging"');
  if (positionals.length > 1) {
    throw new UsageError(`give the change as one quoted argument; got ${positionals.length} words outside quotes (${positionals.slice(0, 3).join(' ')} ...)`);
  }
  if (values.env !== undefined && !known.includes(values.env)) throw unknownEnvironmentError(values.env, known);
  const accept = (values.accept ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  for (const kind of accept) if (!(ACCEPTABLE as readonly string[]).includes(kind)) throw unknownAcceptError(kind, ACCEPTABLE);
  const model = values.model ?? env.OPENAI_MODEL;
  if (!model) throw new UsageError('no model: pass --model or set OPENAI_MODEL');
  const apiKey = env.OPENAI_API_KEY;
  if (!apiKey) throw new UsageError('OPENAI_API_KEY is not set');
  const outDir = values['out-dir'] ?? 'cdktf.out/infra';
  if (outDir.trim() === '') throw new UsageError('--out-dir needs a folder');
  let emulatorUrl: URL | undefined;
  try {
    emulatorUrl = values.emulator ? parseEmulatorUrl(env[EMULATOR_URL_VARIABLE]?.trim() || DEFAULT_EMULATOR_URL) : undefined;
  } catch (error) {
    if (error instanceof EmulatorUrlError) throw new UsageError(`--emulator: ${error.message}`);
    throw error;
  }
  return {
    help: false,
    description: positionals[0].trim(),
    env: values.env,
    applyToSource: values['apply-to-source'] ?? false,
    model,
    apiKey,
    accept: [...new Set(accept as Acceptable[])],
    outDir,
    emulatorUrl,
  };
}
