/** Command-line options of `npm run janitor`: which environment and region, the limits from their configuration. */
import { parseArgs } from 'node:util';
import { validateEnvironments, WORKER_MAX_HOURS_LIMIT, type EnvironmentConfig } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { Naming } from '@llm/naming';
import { JanitorConfigError, UsageError } from './errors';

export const USAGE = `Usage: npm run janitor -- --env <env> --region <region> [--dry-run] [--max-hours N]

Runs the worker janitor once, by hand, with the code the Lambda runs: terminates the environment's
expired workers, marks then deletes unused worker volumes, key pairs and security groups, and writes
the records to the region's output bucket. Credentials and endpoints from the usual AWS_* variables.

  --dry-run      decide and print, change nothing (no EC2 call that mutates, no tag, no S3 record)
  --max-hours N  the longest a worker may live (default: the region's workers.maxHours; required
                 where the region configures no workers)
  --help         print this text`;

export interface JanitorCliOptions {
  readonly environment: string;
  readonly region: string;
  readonly maxHours: number;
  readonly bucket: string;
  readonly dryRun: boolean;
}

export function parseJanitorArgs(
  argv: readonly string[],
  environments: readonly EnvironmentConfig[] = validateEnvironments(ENVIRONMENTS),
): JanitorCliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        env: { type: 'string' },
        region: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'max-hours': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const missing = (['env', 'region'] as const).filter((name) => !values[name]);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((name) => `--${name}`).join(' and ')}`);
  const env = environments.find((candidate) => candidate.name === values.env);
  if (!env) throw new JanitorConfigError([`--env ${values.env} is not an environment; known: ${environments.map((candidate) => candidate.name).join(', ')}`]);
  const regionConfig = env.regions.find((candidate) => candidate.region === values.region);
  if (!regionConfig) {
    throw new JanitorConfigError([
      `--region ${values.region} is not a region of ${env.name}; its regions: ${env.regions.map((candidate) => candidate.region).join(', ')}`,
    ]);
  }
  return {
    environment: env.name,
    region: regionConfig.region,
    maxHours: maxHoursOf(values['max-hours'], regionConfig.workers?.maxHours, `${env.name} ${regionConfig.region}`),
    bucket: new Naming(env).outputBucketName(regionConfig.region),
    dryRun: values['dry-run'] === true,
  };
}

function maxHoursOf(raw: string | undefined, configured: number | undefined, where: string): number {
  if (raw === undefined) {
    if (configured === undefined) throw new JanitorConfigError([`${where} configures no workers: give --max-hours N to say how old a worker may be`]);
    return configured;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > WORKER_MAX_HOURS_LIMIT)
    throw new UsageError(`--max-hours must be an integer 1..${WORKER_MAX_HOURS_LIMIT}, got "${raw}"`);
  return value;
}
