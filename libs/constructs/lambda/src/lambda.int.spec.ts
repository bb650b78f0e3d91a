import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describeWithTerraform, planOffline } from '@llm/terraform/testing';
import { Fn, TerraformOutput } from 'cdktf';
import { ApiAlarms, FunctionAlarms, HttpApi, LlmFunction } from './index';
import { FUNCTION_NAME, makeRole, makeTempZip, SECRET_ARN, TOPIC_ARN } from './spec-helpers';

describeWithTerraform('Lambda constructs with the real terraform', () => {
  const zip = makeTempZip();
  afterAll(() => zip.cleanup());

  it('plan a zip function with its log group, a JWT-authorized HTTP API and the four alarms', async () => {
    const result = await planOffline((stack) => {
      const role = makeRole(stack);
      role.grantSecretRead(SECRET_ARN);
      const fn = new LlmFunction(stack, 'Api', {
        functionName: FUNCTION_NAME,
        role,
        packaging: { type: 'zip', assetPath: zip.path },
        memoryMb: 1024,
        timeoutSeconds: 29,
        reservedConcurrency: 50,
        logRetentionDays: 365,
        environment: { OPENAI_API_KEY_SECRET_ARN: SECRET_ARN, OPENAI_MODEL: 'gpt-4o-mini' },
        vpc: { subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] },
      });
      const api = new HttpApi(stack, 'HttpApi', {
        apiName: FUNCTION_NAME,
        handler: fn,
        routes: ['POST /v1/generate'],
        authorization: 'jwt',
        jwt: { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI', audiences: ['client-id'] },
        production: true,
        cors: { allowOrigins: ['https://app.example.com'] },
        throttlingRateLimit: 20,
        throttlingBurstLimit: 40,
        accessLogRetentionDays: 365,
      });
      new FunctionAlarms(stack, 'FunctionAlarms', { namePrefix: FUNCTION_NAME, function: fn, alarmTopicArn: TOPIC_ARN });
      new ApiAlarms(stack, 'ApiAlarms', { namePrefix: FUNCTION_NAME, api, alarmTopicArn: TOPIC_ARN });
      // Terraform hashes the file at the function's filename while planning: this fails unless
      // the asset was copied into planOffline's temporary stack folder.
      new TerraformOutput(stack, 'code_hash', { value: Fn.filebase64sha256(fn.function.filename) });
    });

    expect(result.ok ? '' : result.error).toBe('');
    // Role + policy, log group + function, API + access logs + stage + integration + route +
    // authorizer + permission, 3 function alarms + 1 API alarm.
    expect(result).toMatchObject({ ok: true, add: 15, change: 0, destroy: 0 });
    if (!result.ok) return;
    const changes = result.plan.resource_changes ?? [];
    expect(changes.filter((change) => change.mode === 'data')).toEqual([]);
    const expectedHash = createHash('sha256').update(readFileSync(zip.path)).digest('base64');
    const planned = changes.find((change) => change.type === 'aws_lambda_function')?.change.after;
    expect(planned).toMatchObject({
      runtime: 'nodejs22.x',
      package_type: 'Zip',
      source_code_hash: expectedHash,
      filename: expect.stringMatching(/^assets\/Api_Code_[0-9A-F]+\/[0-9a-f]{64}\/llm-api\.zip$/),
    });
    const outputs = (result.plan as { output_changes?: Record<string, { after: unknown }> }).output_changes;
    expect(outputs?.code_hash.after).toBe(expectedHash);
  }, 180_000);
});
