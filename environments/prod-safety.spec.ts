/** Deletion protection follows the environment configuration exactly: tested, not assumed. */
import { validateEnvironments, type EnvironmentConfig } from '@llm/config';
import { RegionalStack } from '@llm/stacks';
import { type SynthBlock } from '@llm/terraform/testing';
import { Testing } from 'cdktf';
import { ENVIRONMENTS } from './index';

const envs = validateEnvironments(ENVIRONMENTS);

function protectionOf(env: EnvironmentConfig) {
  const json = JSON.parse(Testing.synth(new RegionalStack(Testing.app(), env, env.regions[0].region, 'offline')));
  const only = (type: string) => {
    const resources = Object.values(json.resource[type] ?? {}) as SynthBlock[];
    expect(resources).toHaveLength(1);
    return resources[0];
  };
  const bucket = only('aws_s3_bucket');
  return {
    bucketForceDestroy: bucket.force_destroy,
    bucketPreventDestroy: bucket.lifecycle?.prevent_destroy,
    secretPreventDestroy: only('aws_secretsmanager_secret').lifecycle?.prevent_destroy,
    repositoryForceDelete: only('aws_ecr_repository').force_delete,
  };
}

describe('deletion protection per environment', () => {
  it.each(envs.map((env) => [env.name, env] as const))('%s: force_destroy only outside production, prevent_destroy only in it', (_name, env) => {
    const destroyable = !env.production && env.storage.forceDestroy;
    expect(protectionOf(env)).toEqual({
      bucketForceDestroy: destroyable,
      bucketPreventDestroy: env.production,
      secretPreventDestroy: env.production,
      repositoryForceDelete: destroyable,
    });
  });

  it('covers both cases with the checked-in environments', () => {
    expect(protectionOf(envs.find((env) => env.name === 'prod')!)).toEqual({
      bucketForceDestroy: false,
      bucketPreventDestroy: true,
      secretPreventDestroy: true,
      repositoryForceDelete: false,
    });
    expect(protectionOf(envs.find((env) => env.name === 'dev')!)).toMatchObject({ bucketForceDestroy: true, bucketPreventDestroy: false });
  });
});
