/** `npm run smoke`: exit 0 when every check passes, 1 when one fails, 2 on usage errors. */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { parseSmokeArgs, USAGE, UsageError } from './args';
import { runSmoke } from './smoke';

async function main(argv: readonly string[]): Promise<number> {
  const options = parseSmokeArgs(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const lambda = new LambdaClient({ region: options.region });
  const s3 = new S3Client({ region: options.region });
  console.log(`Smoke test of ${options.functionName} (${options.region}), records in s3://${options.bucket}`);
  const checks = await runSmoke({ lambda, s3 }, { functionName: options.functionName, bucket: options.bucket }, { prompt: options.prompt });
  for (const check of checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  const passed = checks.length > 0 && checks.every((check) => check.ok);
  console.log(
    passed ? `smoke: ${checks.length} passed, 0 failed` : `smoke: ${checks.filter((c) => c.ok).length} passed, ${checks.filter((c) => !c.ok).length} failed`,
  );
  return passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`smoke test could not run: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(1);
  },
);
