/**
 * The build container: a CodeBuild-managed Amazon Linux 2023 image of the function's own
 * architecture, so an arm64 image is built natively (no QEMU), in privileged mode for Docker.
 */
import type { CodebuildProjectEnvironment } from '@cdktf/provider-aws/lib/codebuild-project';

export type BuildArchitecture = 'arm64' | 'x86_64';
export const BUILD_ARCHITECTURES: readonly BuildArchitecture[] = ['arm64', 'x86_64'];

export type BuildComputeType = 'BUILD_GENERAL1_SMALL' | 'BUILD_GENERAL1_MEDIUM' | 'BUILD_GENERAL1_LARGE';
export const BUILD_COMPUTE_TYPES: readonly BuildComputeType[] = ['BUILD_GENERAL1_SMALL', 'BUILD_GENERAL1_MEDIUM', 'BUILD_GENERAL1_LARGE'];

/**
 * Curated images that offer the `nodejs: 22` runtime buildspec.yml asks for, per architecture.
 * CodeBuild keeps each major version patched, so the tag names a line, not a frozen build.
 */
export const BUILD_IMAGES: Readonly<Record<BuildArchitecture, { readonly type: string; readonly image: string }>> = {
  arm64: { type: 'ARM_CONTAINER', image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0' },
  x86_64: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0' },
};

export interface BuildVariables {
  readonly accountId: string;
  readonly ecrRepositoryName: string;
  readonly architecture: BuildArchitecture;
  readonly imageDigestParameterName: string;
}

/**
 * What apps/llm-api/buildspec.yml and push-image.sh read. CodeBuild sets AWS_REGION and
 * AWS_DEFAULT_REGION itself; IMAGE_TAG stays unset so the tag is the commit SHA CodeBuild
 * resolved (CODEBUILD_RESOLVED_SOURCE_VERSION). Project variables override the buildspec's
 * `env.variables` defaults.
 */
export function buildVariables(variables: BuildVariables): Record<string, string> {
  return {
    AWS_ACCOUNT_ID: variables.accountId,
    ECR_REPOSITORY: variables.ecrRepositoryName,
    LAMBDA_ARCHITECTURE: variables.architecture,
    IMAGE_DIGEST_PARAMETER: variables.imageDigestParameterName,
  };
}

export function buildEnvironment(architecture: BuildArchitecture, computeType: BuildComputeType, variables: BuildVariables): CodebuildProjectEnvironment {
  const { type, image } = BUILD_IMAGES[architecture];
  return {
    type,
    image,
    computeType,
    imagePullCredentialsType: 'CODEBUILD',
    // docker build and docker push run inside the build container.
    privilegedMode: true,
    environmentVariable: Object.entries(buildVariables(variables)).map(([name, value]) => ({ name, value, type: 'PLAINTEXT' })),
  };
}
