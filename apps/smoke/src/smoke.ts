/**
 * Invokes the deployed pipeline function with `@aws-sdk/client-lambda` and checks, one named
 * check at a time, that it answers 200 with a generation and that the record exists in S3.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { generateEvent, type GenerateRequest } from './event';

export interface SmokeTarget {
  readonly functionName: string;
  readonly bucket: string;
}

export interface SmokeCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

interface FunctionResult {
  readonly statusCode?: number;
  readonly body?: string;
}

interface GenerateAnswer {
  readonly id?: unknown;
  readonly output?: unknown;
  readonly model?: unknown;
  readonly usage?: unknown;
  readonly s3Key?: unknown;
}

export async function runSmoke(
  clients: { readonly lambda: LambdaClient; readonly s3: S3Client },
  target: SmokeTarget,
  request: GenerateRequest,
): Promise<SmokeCheck[]> {
  const checks: SmokeCheck[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    return ok;
  };

  const invoked = await clients.lambda.send(
    new InvokeCommand({ FunctionName: target.functionName, Payload: Buffer.from(JSON.stringify(generateEvent(request))) }),
  );
  const payload = invoked.Payload ? Buffer.from(invoked.Payload).toString('utf8') : '';
  if (!check('function invoked', !invoked.FunctionError, invoked.FunctionError ? `${invoked.FunctionError}: ${payload.slice(0, 300)}` : target.functionName)) {
    return checks;
  }
  const result = parseJson<FunctionResult>(payload);
  if (!check('answers 200', result?.statusCode === 200, `status ${result?.statusCode ?? 'missing'}: ${(result?.body ?? payload).slice(0, 300)}`)) {
    return checks;
  }
  const answer = parseJson<GenerateAnswer>(result?.body ?? '') ?? {};
  const shapeOk =
    typeof answer.id === 'string' &&
    typeof answer.output === 'string' &&
    answer.output.length > 0 &&
    typeof answer.model === 'string' &&
    typeof answer.usage === 'object' &&
    typeof answer.s3Key === 'string';
  if (
    !check(
      'answer has id, output, model, usage, s3Key',
      shapeOk,
      shapeOk ? `model ${String(answer.model)}, ${String(answer.output).length} characters` : JSON.stringify(answer).slice(0, 300),
    )
  ) {
    return checks;
  }
  const key = answer.s3Key as string;
  if (!check('record key under generations/', /^generations\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.json$/.test(key), key)) return checks;
  try {
    const head = await clients.s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: key }));
    check('record stored in S3', true, `s3://${target.bucket}/${key} (${head.ContentLength ?? '?'} bytes)`);
  } catch (error) {
    check('record stored in S3', false, `s3://${target.bucket}/${key}: ${(error as Error).name}: ${(error as Error).message}`);
  }
  return checks;
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
