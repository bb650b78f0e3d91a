import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildVariables, DEFAULT_BUILDSPEC_PATH } from './index';

// The build this construct runs is the repository's own: these files are read, never imported.
const ROOT = resolve(__dirname, '..', '..', '..', '..');
const buildScripts = () => ['apps/llm-api/buildspec.yml', 'apps/llm-api/push-image.sh'].map((path) => readFileSync(resolve(ROOT, path), 'utf8')).join('\n');

describe('the build ImagePipeline runs', () => {
  it('is the buildspec in the repository by default', () => {
    expect(existsSync(resolve(ROOT, DEFAULT_BUILDSPEC_PATH))).toBe(true);
  });

  it.each(['AWS_ACCOUNT_ID', 'ECR_REPOSITORY', 'LAMBDA_ARCHITECTURE', 'IMAGE_DIGEST_PARAMETER'])('reads %s, which the project sets', (name) => {
    const variables = buildVariables({
      accountId: '333333333333',
      ecrRepositoryName: 'llm-platform-prod-api',
      architecture: 'arm64',
      imageDigestParameterName: '/llm-platform/prod/eu-west-1/api-image-digest',
    });

    expect(Object.keys(variables)).toContain(name);
    expect(buildScripts()).toMatch(new RegExp(`\\$\\{?${name}\\b`));
  });

  it('tags with the commit CodeBuild resolved, so the project leaves IMAGE_TAG unset', () => {
    expect(buildScripts()).toContain('${IMAGE_TAG:-${CODEBUILD_RESOLVED_SOURCE_VERSION:-');
    expect(Object.keys(buildVariables({ accountId: '1', ecrRepositoryName: 'r', architecture: 'arm64', imageDigestParameterName: '/p' }))).not.toContain(
      'IMAGE_TAG',
    );
  });
});
