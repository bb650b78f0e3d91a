/**
 * `<env>-<region>`: the service's infrastructure in one region. Each concern is composed by its
 * own module in ./regional, so a reader finds the network in network.ts, not deep in this file.
 */
import { AccessAnalyzer, type ExecutionRole } from '@llm/constructs/iam';
import type { EnvironmentConfig } from '@llm/config';
import type { AlertTopic } from '@llm/constructs/budgets';
import type { ImagePipeline } from '@llm/constructs/codebuild';
import type { EcrRepository } from '@llm/constructs/ecr';
import type { Vpc } from '@llm/constructs/vpc';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { DeploymentMode } from './mode';
import { ProjectStack } from './project-stack';
import { addAlertTopic } from './regional/alerts';
import { addApi, type RegionalApi } from './regional/api';
import { addApiRole } from './regional/api-role';
import { addImagePipeline } from './regional/image-pipeline';
import { addImageRepository } from './regional/images';
import { addNetwork } from './regional/network';
import { addStorage, type RegionalStorage } from './regional/storage';
import { addWorkers, type RegionalWorkers } from './regional/workers';

export class RegionalStack extends ProjectStack {
  readonly alertTopic: AlertTopic;
  readonly vpc: Vpc;
  readonly storage: RegionalStorage;
  readonly apiRole: ExecutionRole;
  readonly imageRepository: EcrRepository;
  readonly imagePipeline?: ImagePipeline;
  readonly api: RegionalApi;
  readonly workers?: RegionalWorkers;

  constructor(scope: Construct, env: EnvironmentConfig, region: string, mode: DeploymentMode) {
    super(scope, { env, scope: region, region, mode });
    new AccessAnalyzer(this, 'AccessAnalyzer', { analyzerName: this.naming.prefix(region) });
    this.alertTopic = addAlertTopic(this);
    this.vpc = addNetwork(this);
    this.storage = addStorage(this);
    this.imageRepository = addImageRepository(this);
    this.imagePipeline = addImagePipeline(this);
    this.apiRole = addApiRole(this, this.storage);
    this.api = addApi(this, { role: this.apiRole, storage: this.storage, vpc: this.vpc, alertTopic: this.alertTopic });
    this.workers = addWorkers(this, { vpc: this.vpc, storage: this.storage, alertTopic: this.alertTopic });

    new TerraformOutput(this, 'vpc_id', { value: this.vpc.vpcId });
    new TerraformOutput(this, 'vpc_private_subnet_ids', { value: this.vpc.privateSubnetIds });
    new TerraformOutput(this, 'api_endpoint', { value: this.api.httpApi.apiEndpoint });
    new TerraformOutput(this, 'function_name', { value: this.api.function.functionName });
    new TerraformOutput(this, 'output_bucket_name', { value: this.storage.outputBucket.bucket.bucket });
    new TerraformOutput(this, 'api_key_secret_arn', { value: this.storage.apiKeySecret.secretArn });
    new TerraformOutput(this, 'api_role_arn', { value: this.apiRole.roleArn });
    new TerraformOutput(this, 'alert_topic_arn', { value: this.alertTopic.topicArn });
    new TerraformOutput(this, 'image_repository_url', { value: this.imageRepository.repositoryUrl });
    if (this.workers) {
      new TerraformOutput(this, 'worker_launch_template_name', { value: this.workers.workers.launchTemplate.name });
      new TerraformOutput(this, 'janitor_function_name', { value: this.workers.janitor.functionName });
    }
    if (this.imagePipeline) {
      new TerraformOutput(this, 'image_digest_parameter_name', { value: this.imagePipeline.imageDigestParameterName });
    }
  }
}
