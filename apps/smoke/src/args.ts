/** Command-line options of `npm run smoke`: which deployed function to test, named by stack or explicitly. */
import { validateEnvironments } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { Naming } from '@llm/naming';
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run smoke -- --stack <env>-<region> [--prompt TEXT]
       npm run smoke -- --function-name NAME --bucket BUCKET --region REGION [--prompt TEXT]

Invokes the deployed LLM pipeline function with @aws-sdk/client-lambda (credentials and
endpoints from the usual AWS_* variables) and checks its answer and that the record is in S3.

  --stack NAME          the deployed stack: its function, bucket and region from the configuration
  --function-name NAME  the function to invoke (with --bucket and --region, instead of --stack)
  --bucket BUCKET       the output bucket the record must reach
  --region REGION       the region of the function and the bucket
  --prompt TEXT         what to ask (default: a short fixed prompt)
  --help                print this text`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface SmokeOptions {
  readonly functionName: string;
  readonly bucket: string;
  readonly region: string;
  readonly prompt: string;
}

const DEFAULT_PROMPT = 'Reply with the single word: pong';

export function parseSmokeArgs(argv: readonly string[]): SmokeOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        stack: { type: 'string' },
        'function-name': { type: 'string' },
        bucket: { type: 'string' },
        region: { type: 'string' },
        prompt: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const prompt = values.prompt ?? DEFAULT_PROMPT;
  if (values.stack) {
    if (values['function-name'] || values.bucket)
      throw new UsageError('--stack names the function and bucket; do not combine it with --function-name or --bucket');
    return { ...targetOfStack(values.stack), prompt };
  }
  const missing = (['function-name', 'bucket', 'region'] as const).filter((name) => !values[name]);
  if (missing.length > 0)
    throw new UsageError(`give --stack, or all of --function-name, --bucket and --region (missing: ${missing.map((name) => `--${name}`).join(', ')})`);
  return { functionName: values['function-name'] as string, bucket: values.bucket as string, region: values.region as string, prompt };
}

/** `prod-eu-west-1` -> the function and bucket names the naming module gives that stack. */
export function targetOfStack(stack: string): Omit<SmokeOptions, 'prompt'> {
  const envs = validateEnvironments(ENVIRONMENTS);
  for (const env of envs) {
    for (const { region } of env.regions) {
      if (stack === `${env.name}-${region}`) {
        const naming = new Naming(env);
        return { functionName: naming.functionName(region), bucket: naming.outputBucketName(region), region };
      }
    }
  }
  const known = envs.flatMap((env) => env.regions.map(({ region }) => `${env.name}-${region}`));
  throw new UsageError(`--stack ${stack} is not a regional stack; known: ${known.join(', ')}`);
}
