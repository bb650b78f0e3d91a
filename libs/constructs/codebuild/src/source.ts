/**
 * Where the build gets its source and when it runs: a GitHub repository reached through an AWS
 * CodeConnections connection (the GitHub App, no personal token stored anywhere), and a webhook
 * that starts a build on every push to one branch.
 */
import type { CodebuildProjectSource } from '@cdktf/provider-aws/lib/codebuild-project';
import { CodeconnectionsConnection } from '@cdktf/provider-aws/lib/codeconnections-connection';
import type { CodebuildWebhookFilterGroup } from '@cdktf/provider-aws/lib/codebuild-webhook';
import type { Construct } from 'constructs';

/**
 * A new connection is PENDING: Terraform cannot complete the GitHub handshake. Someone with admin
 * rights on the GitHub organisation completes it once in the console (Developer Tools > Settings >
 * Connections > Update pending connection), which installs the AWS Connector GitHub App.
 */
export function addGithubConnection(scope: Construct, name: string): CodeconnectionsConnection {
  return new CodeconnectionsConnection(scope, 'Connection', { name, providerType: 'GitHub' });
}

/**
 * IAM prefix of a connection's actions: it must match the service prefix in the resource ARN.
 * Connections created since July 2024 (and by this construct) are `codeconnections`; older ones
 * keep `codestar-connections`. A token ARN is taken to be a `codeconnections` one.
 */
export function connectionActionPrefix(connectionArn: string): 'codeconnections' | 'codestar-connections' {
  return /^arn:[a-z-]+:codestar-connections:/.test(connectionArn) ? 'codestar-connections' : 'codeconnections';
}

export function githubSource(githubRepository: string, buildspec: string, connectionArn: string): CodebuildProjectSource {
  return {
    type: 'GITHUB',
    location: `https://github.com/${githubRepository}.git`,
    // push-image.sh tags with the commit CodeBuild resolved; it needs no history.
    gitCloneDepth: 1,
    buildspec,
    // A check on the commit in GitHub links to the build.
    reportBuildStatus: true,
    auth: { type: 'CODECONNECTIONS', resource: connectionArn },
  };
}

/** `^refs/heads/<branch>$`, the branch taken literally (a `.` in `release/1.0` is not a wildcard). */
export function branchRefPattern(branch: string): string {
  return `^refs/heads/${branch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

/** Pushes to the branch only: tag pushes and pull requests do not build. */
export function pushFilterGroups(branch: string): CodebuildWebhookFilterGroup[] {
  return [
    {
      filter: [
        { type: 'EVENT', pattern: 'PUSH' },
        { type: 'HEAD_REF', pattern: branchRefPattern(branch) },
      ],
    },
  ];
}
