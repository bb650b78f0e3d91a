/**
 * The Lambda entry (`index.handler` in janitor.zip): configuration read and checked at load, so
 * a bad variable fails the first invocation with a message naming it; clients made once.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { loadJanitorConfig } from './config';
import { createHandler } from './handler';

const config = loadJanitorConfig(process.env);

export const handler = createHandler({
  config,
  clients: { ec2: new EC2Client({ region: config.region }), s3: new S3Client({ region: config.region }) },
  logger: new Logger({ serviceName: config.serviceName }),
  metrics: new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName }),
});
