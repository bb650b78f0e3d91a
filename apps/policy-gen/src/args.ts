/** Command-line options and environment of `npm run policy`. */
import { parseArn } from '@llm/iam-eval';
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

export interface PolicyGenOptions {
  /** What the workload must do, in the user's words. */
  readonly description: string;
  /** The ARNs the policy may grant (and what lies under them). */
  readonly resources: readonly string[];
  readonly model: string;
  readonly apiKey: string;
  /** Where to write the proven policy JSON. @default - not written */
  readonly out: string | undefined;
  /** A permission boundary (JSON file) the proof evaluates with the policy. @default - none */
  readonly boundary: string | undefined;
}

export const USAGE = `Usage: npm run policy -- "<what the workload must do>" --resource <arn>... [--model M] [--out FILE] [--boundary FILE]

Asks an OpenAI model for a least-privilege IAM identity policy, validates it against AWS's catalogue
of actions and resource types, and proves it: the model lists requests the policy must allow and
must deny, and @llm/iam-eval decides each of them. A failure goes back to the model once.

  "<description>"     what the workload must do (one quoted argument)
  --resource ARN      a resource the policy may grant, and what lies under it (objects of a
                      bucket, streams of a log group); repeatable, at least one
  --model M           OpenAI model (default: $OPENAI_MODEL)
  --out FILE          write the proven policy (JSON) to FILE
  --boundary FILE     a permission boundary (policy JSON) the proof evaluates the policy with
  --help              print this text

Environment: OPENAI_API_KEY (required), OPENAI_MODEL, OPENAI_BASE_URL (honoured by the client).
Exit codes: 0 generated and proven, 2 usage error, 3 model output invalid (after one retry),
4 could not prove (after one retry), 1 unexpected error (the OpenAI API failing included).`;

export type ParsedArgs = { readonly help: true } | ({ readonly help: false } & PolicyGenOptions);

export function parsePolicyGenArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        resource: { type: 'string', multiple: true },
        model: { type: 'string' },
        out: { type: 'string' },
        boundary: { type: 'string' },
        help: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length === 0 || positionals[0].trim() === '')
    throw new UsageError('say what the workload must do, as the first argument: npm run policy -- "read reports from the data bucket" --resource <arn>');
  if (positionals.length > 1) {
    throw new UsageError(
      `give the description as one quoted argument; got ${positionals.length} words outside quotes (${positionals.slice(0, 3).join(' ')} ...)`,
    );
  }
  const resources = values.resource ?? [];
  if (resources.length === 0) throw new UsageError('name at least one resource the policy may grant: --resource <arn>');
  for (const resource of resources) {
    if (!parseArn(resource)) throw new UsageError(`--resource must be an ARN (arn:partition:service:region:account:resource), got "${resource}"`);
  }
  const model = values.model ?? env.OPENAI_MODEL;
  if (!model) throw new UsageError('no model: pass --model or set OPENAI_MODEL');
  const apiKey = env.OPENAI_API_KEY;
  if (!apiKey) throw new UsageError('OPENAI_API_KEY is not set');
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a file name');
  if (values.boundary !== undefined && values.boundary.trim() === '') throw new UsageError('--boundary needs a file name');
  return { help: false, description: positionals[0].trim(), resources, model, apiKey, out: values.out, boundary: values.boundary };
}
