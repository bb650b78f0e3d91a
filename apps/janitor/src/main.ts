/**
 * `npm run janitor -- --env E --region R [--dry-run]`: one sweep by hand. Prints the actions and a
 * summary; exit 0 when every action was done (or planned), 1 on a partial run, 2 on usage or
 * configuration errors.
 */
import { randomUUID } from 'node:crypto';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { runCli } from '@llm/cli';
import { parseJanitorArgs, USAGE } from './args';
import { JanitorConfigError, UsageError } from './errors';
import { runJanitor, type JanitorClients } from './janitor';
import { actionsTable, summaryLine } from './report';

export interface MainDependencies {
  /** @default - SDK clients for the region, configured by the AWS_* variables */
  readonly clients?: (region: string) => JanitorClients;
  /** @default - the system clock */
  readonly now?: () => Date;
  readonly write?: (line: string) => void;
}

const defaultClients = (region: string): JanitorClients => ({ ec2: new EC2Client({ region }), s3: new S3Client({ region }) });

export async function main(argv: readonly string[], deps: MainDependencies = {}): Promise<number> {
  const write = deps.write ?? ((line: string) => console.log(line));
  const options = parseJanitorArgs(argv);
  if (options === 'help') {
    write(USAGE);
    return 0;
  }
  const run = await runJanitor((deps.clients ?? defaultClients)(options.region), {
    ...options,
    now: (deps.now ?? (() => new Date()))(),
    runId: randomUUID(),
    plan: { kind: 'sweep', trigger: 'manual', ignored: [] },
  });
  write(actionsTable(run.records));
  write(summaryLine(run, options.bucket));
  return run.partial ? 1 : 0;
}

if (require.main === module) {
  runCli(main, { usage: USAGE, usageErrors: [UsageError], inputErrors: [JanitorConfigError] });
}
