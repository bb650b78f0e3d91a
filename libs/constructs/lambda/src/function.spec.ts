import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { TerraformVariable, Testing } from 'cdktf';
import { LlmFunction } from './index';
import {
  DIGEST,
  FUNCTION_NAME,
  functionProps,
  KEY_ARN,
  logicalIdsOf,
  makeRole,
  makeTempZip,
  onlyResource,
  PROD_EU,
  REPOSITORY_URL,
  roleStatements,
  SECRET_ARN,
  synthFunction,
  type FunctionOverrides,
} from './spec-helpers';

const WHERE = '(environment prod, region eu-west-1, construct stack/Api)';
const LOG_GROUP = `/aws/lambda/${FUNCTION_NAME}`;

describe('LlmFunction', () => {
  const zip = makeTempZip();
  afterAll(() => zip.cleanup());

  const synth = (overrides: FunctionOverrides = {}) => synthFunction(zip.path, overrides, { context: PROD_EU });
  const failure = (overrides: FunctionOverrides) => () => synth(overrides);

  describe('function settings', () => {
    it('runs index.handler on nodejs22.x, arm64, with 512 MB, 10 s and active X-Ray tracing by default', () => {
      expect(synth()).toHaveResourceWithProperties(LambdaFunction, {
        function_name: FUNCTION_NAME,
        package_type: 'Zip',
        runtime: 'nodejs22.x',
        handler: 'index.handler',
        architectures: ['arm64'],
        memory_size: 512,
        timeout: 10,
        tracing_config: { mode: 'Active' },
      });
    });

    it('takes memory, timeout, architecture, handler and reserved concurrency from props', () => {
      const synthesized = synth({ memoryMb: 1024, timeoutSeconds: 29, architecture: 'x86_64', handler: 'main.run', reservedConcurrency: 50 });

      expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
        memory_size: 1024,
        timeout: 29,
        architectures: ['x86_64'],
        handler: 'main.run',
        reserved_concurrent_executions: 50,
      });
    });

    it('leaves concurrency unreserved unless asked, and accepts 0 to stop all invocations', () => {
      expect(onlyResource(synth(), 'aws_lambda_function')).not.toHaveProperty('reserved_concurrent_executions');
      expect(synth({ reservedConcurrency: 0 })).toHaveResourceWithProperties(LambdaFunction, { reserved_concurrent_executions: 0 });
    });

    it('uses the execution role by reference, so Terraform creates the role first', () => {
      const synthesized = synth();
      const [roleId] = logicalIdsOf(synthesized, 'aws_iam_role');

      expect(onlyResource(synthesized, 'aws_lambda_function').role).toBe(`\${aws_iam_role.${roleId}.arn}`);
    });

    it('passes environment variables, and sets none when there are none', () => {
      const variables = { OPENAI_API_KEY_SECRET_ARN: SECRET_ARN, OPENAI_MODEL: 'gpt-4o-mini', MAX_OUTPUT_TOKENS: '1024' };

      expect(synth({ environment: variables })).toHaveResourceWithProperties(LambdaFunction, { environment: { variables } });
      expect(onlyResource(synth(), 'aws_lambda_function')).not.toHaveProperty('environment');
    });

    it('attaches to the VPC only when given subnets and security groups', () => {
      const vpc = { subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-1'] };

      expect(synth({ vpc })).toHaveResourceWithProperties(LambdaFunction, {
        vpc_config: { subnet_ids: ['subnet-a', 'subnet-b'], security_group_ids: ['sg-1'] },
      });
      expect(onlyResource(synth(), 'aws_lambda_function')).not.toHaveProperty('vpc_config');
    });

    it('exposes its name, ARNs, settings and log group for the API and alarms', () => {
      let fn: LlmFunction | undefined;
      Testing.synthScope((scope) => {
        fn = new LlmFunction(scope, 'Api', functionProps(makeRole(scope), zip.path, { timeoutSeconds: 20 }));
      });

      expect(fn).toMatchObject({ functionName: FUNCTION_NAME, logGroupName: LOG_GROUP, timeoutSeconds: 20, memoryMb: 512, architecture: 'arm64' });
      expect(fn?.invokeArn).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    });
  });

  describe('log group', () => {
    it('is /aws/lambda/<functionName> with 90 days retention by default', () => {
      expect(synth()).toHaveResourceWithProperties(CloudwatchLogGroup, { name: LOG_GROUP, retention_in_days: 90 });
    });

    it('keeps logs as long as asked, encrypted with the given key', () => {
      expect(synth({ logRetentionDays: 365, logKmsKeyArn: KEY_ARN })).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: LOG_GROUP,
        retention_in_days: 365,
        kms_key_id: KEY_ARN,
      });
    });

    it('exists before the function, which logs JSON into it', () => {
      const synthesized = synth();
      const [groupId] = logicalIdsOf(synthesized, 'aws_cloudwatch_log_group');
      const fn = onlyResource(synthesized, 'aws_lambda_function');

      expect(fn.depends_on).toContain(`aws_cloudwatch_log_group.${groupId}`);
      expect(fn.logging_config).toEqual({
        log_format: 'JSON',
        log_group: `\${aws_cloudwatch_log_group.${groupId}.name}`,
        application_log_level: 'INFO',
        system_log_level: 'INFO',
      });
    });

    it('is created after the role policy too, so the first invocation may already log', () => {
      const synthesized = synth();
      const [policyId] = logicalIdsOf(synthesized, 'aws_iam_role_policy');

      expect(onlyResource(synthesized, 'aws_lambda_function').depends_on).toContain(`aws_iam_role_policy.${policyId}`);
    });

    it('keeps only the application log level asked for', () => {
      expect(onlyResource(synth({ applicationLogLevel: 'WARN' }), 'aws_lambda_function').logging_config.application_log_level).toBe('WARN');
    });
  });

  describe('execution role grants', () => {
    const logs = {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:aws:logs:eu-west-1:111111111111:log-group:${LOG_GROUP}:*`,
    };
    const xray = { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' };

    it('are exactly writing its own log group and X-Ray traces', () => {
      expect(roleStatements(synth())).toEqual([logs, xray]);
    });

    it('add network-interface management, and nothing else, when the function runs in a VPC', () => {
      const statements = roleStatements(synth({ vpc: { subnetIds: ['subnet-a'], securityGroupIds: ['sg-1'] } }));

      expect(statements).toHaveLength(3);
      expect(statements.slice(0, 2)).toEqual([logs, xray]);
      expect(statements[2].Action).toEqual([
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ]);
    });

    it("keep the caller's own grants and do not repeat grants the caller already made", () => {
      const synthesized = Testing.synthScope((scope) => {
        const role = makeRole(scope);
        role.grantSecretRead(SECRET_ARN);
        role.grantLogs(LOG_GROUP);
        role.grantXRayWrite();
        new LlmFunction(scope, 'Api', functionProps(role, zip.path));
      });

      expect(roleStatements(synthesized)).toEqual([{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: SECRET_ARN }, logs, xray]);
    });
  });

  describe('zip packaging', () => {
    it('ships the built zip as an asset, with its SHA-256 as source_code_hash', () => {
      const fn = onlyResource(synth(), 'aws_lambda_function');
      const digest = createHash('sha256').update(readFileSync(zip.path)).digest();

      expect(fn.source_code_hash).toBe(digest.toString('base64'));
      expect(fn.filename).toMatch(new RegExp(`^assets/Api_Code_[0-9A-F]+/${digest.toString('hex')}/llm-api\\.zip$`));
    });

    it('changes the plan when the code changes', () => {
      const other = makeTempZip('other code');
      try {
        const before = onlyResource(synth(), 'aws_lambda_function');
        const after = onlyResource(synthFunction(other.path), 'aws_lambda_function');

        expect(after.source_code_hash).not.toBe(before.source_code_hash);
        expect(after.filename).not.toBe(before.filename);
      } finally {
        other.cleanup();
      }
    });

    it('resolves a relative path from the folder of cdktf.json, as cdktf does', () => {
      const synthesized = Testing.synthScope((scope) => {
        scope.node.setContext('cdktfJsonPath', join(zip.dir, 'cdktf.json'));
        new LlmFunction(scope, 'Api', functionProps(makeRole(scope), 'llm-api.zip'));
      });

      expect(onlyResource(synthesized, 'aws_lambda_function').filename).toMatch(/\/llm-api\.zip$/);
    });

    it('refuses a missing zip, naming the path and saying to run npm run build', () => {
      const missing = join(zip.dir, 'dist', 'llm-api.zip');

      expect(failure({ packaging: { type: 'zip', assetPath: missing } })).toThrow(
        new Error(
          `LlmFunction packaging.assetPath names no file: ${missing} (from "${missing}") does not exist; ` +
            `run \`npm run build\` to build the function's zip first ${WHERE}`,
        ),
      );
    });

    it('refuses a directory', () => {
      const dir = join(zip.dir, 'folder');
      mkdirSync(dir, { recursive: true });

      expect(failure({ packaging: { type: 'zip', assetPath: dir } })).toThrow(
        new Error(`LlmFunction packaging.assetPath must name the zip file the build writes, got the directory ${dir} ${WHERE}`),
      );
    });
  });

  describe('image packaging', () => {
    const image = { type: 'image', repositoryUrl: REPOSITORY_URL, imageDigest: DIGEST } as const;

    it('runs the image pinned by digest, without runtime or handler', () => {
      const fn = onlyResource(synth({ packaging: image }), 'aws_lambda_function');

      expect(fn).toMatchObject({ package_type: 'Image', image_uri: `${REPOSITORY_URL}@${DIGEST}`, tracing_config: { mode: 'Active' } });
      expect(fn).not.toHaveProperty('runtime');
      expect(fn).not.toHaveProperty('handler');
      expect(fn).not.toHaveProperty('filename');
    });

    it('accepts a repository URL and digest that are tokens', () => {
      const synthesized = Testing.synthScope((scope) => {
        const digest = new TerraformVariable(scope, 'digest', { type: 'string' });
        new LlmFunction(scope, 'Api', functionProps(makeRole(scope), zip.path, { packaging: { ...image, imageDigest: digest.stringValue } }));
      });

      expect(synthesized).toHaveResourceWithProperties(LambdaFunction, { image_uri: `${REPOSITORY_URL}@\${var.digest}` });
    });

    it('refuses a digest that is not sha256:<64 hex>', () => {
      expect(failure({ packaging: { ...image, imageDigest: 'latest' } })).toThrow(
        new Error(`LlmFunction packaging.imageDigest must be "sha256:" followed by 64 lower-case hex digits, got "latest" ${WHERE}`),
      );
      expect(failure({ packaging: { ...image, imageDigest: `sha256:${'A'.repeat(64)}` } })).toThrow(/imageDigest must be/);
    });

    it('refuses a repository URL with a tag, or not in ECR', () => {
      expect(failure({ packaging: { ...image, repositoryUrl: `${REPOSITORY_URL}:v1` } })).toThrow(
        new Error(
          'LlmFunction packaging.repositoryUrl must be an ECR repository URL without tag or digest (<account>.dkr.ecr.<region>.amazonaws.com/<name>), ' +
            `got "${REPOSITORY_URL}:v1" ${WHERE}`,
        ),
      );
      expect(failure({ packaging: { ...image, repositoryUrl: 'docker.io/library/node' } })).toThrow(/repositoryUrl must be an ECR repository URL/);
    });

    it('refuses a handler, which the image names itself', () => {
      expect(failure({ packaging: image, handler: 'index.handler' })).toThrow(
        new Error(`LlmFunction handler applies to zip packaging only, got "index.handler" with packaging 'image': the image's CMD names the handler ${WHERE}`),
      );
    });
  });

  describe('validation', () => {
    it.each([
      [{ memoryMb: 64 }, 'memoryMb must be 128..10240 MB, got 64'],
      [{ memoryMb: 10_241 }, 'memoryMb must be 128..10240 MB, got 10241'],
      [{ memoryMb: 512.5 }, 'memoryMb must be 128..10240 MB, got 512.5'],
      [{ timeoutSeconds: 0 }, 'timeoutSeconds must be 1..900 s, got 0'],
      [{ timeoutSeconds: 901 }, 'timeoutSeconds must be 1..900 s, got 901'],
      [{ reservedConcurrency: -1 }, 'reservedConcurrency must be a whole number, 0 or more, got -1'],
      [
        { logRetentionDays: 10 },
        'logRetentionDays must be one of the CloudWatch Logs periods 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 10',
      ],
      [
        { logKmsKeyArn: 'alias/logs' },
        'logKmsKeyArn must be the ARN of a KMS key (arn:<partition>:kms:<region>:<account>:key/<id>; CloudWatch Logs takes no alias), got "alias/logs"',
      ],
      [{ functionName: 'has space' }, 'functionName must be 1..64 letters, digits, hyphens or underscores, got "has space"'],
      [{ functionName: 'x'.repeat(65) }, `functionName must be 1..64 letters, digits, hyphens or underscores, got "${'x'.repeat(65)}"`],
      [{ handler: 'handler' }, 'handler must be <file>.<export> such as index.handler, got "handler"'],
      [{ architecture: 'arm' as never }, `architecture must be 'arm64' or 'x86_64', got "arm"`],
      [{ applicationLogLevel: 'VERBOSE' as never }, 'applicationLogLevel must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got "VERBOSE"'],
      [{ vpc: { subnetIds: [], securityGroupIds: ['sg-1'] } }, 'vpc.subnetIds must list 1..16 ids, got 0'],
      [{ vpc: { subnetIds: ['subnet-a'], securityGroupIds: ['a', 'b', 'c', 'd', 'e', 'f'] } }, 'vpc.securityGroupIds must list 1..5 ids, got 6'],
      [{ packaging: { type: 's3' } as never }, `packaging.type must be 'zip' or 'image', got "s3"`],
    ])('refuses %j: "%s"', (overrides, message) => {
      expect(failure(overrides as FunctionOverrides)).toThrow(new Error(`LlmFunction ${message} ${WHERE}`));
    });

    it('skips values that are unresolved tokens', () => {
      const synthesized = Testing.synthScope((scope) => {
        const memory = new TerraformVariable(scope, 'memory', { type: 'number' });
        new LlmFunction(scope, 'Api', functionProps(makeRole(scope), zip.path, { memoryMb: memory.numberValue }));
      });

      expect(synthesized).toHaveResourceWithProperties(LambdaFunction, { memory_size: '${var.memory}' });
    });
  });
});
