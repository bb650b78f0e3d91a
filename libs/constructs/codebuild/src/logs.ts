/**
 * The build log group, created by Terraform before the project so that retention applies from the
 * first build and CodeBuild never creates a group that keeps logs forever.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { Construct } from 'constructs';

/** CodeBuild's own default group name for a project, kept so the console links still work. */
export function buildLogGroupName(projectName: string): string {
  return `/aws/codebuild/${projectName}`;
}

export function addBuildLogGroup(scope: Construct, name: string, retentionDays: number): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, 'LogGroup', { name, retentionInDays: retentionDays });
}
