/**
 * Base of every stack: one AWS provider and one backend, configured for real or offline mode.
 * Real mode: S3 backend in the account's state bucket, provider pinned to the account.
 * Offline mode: local backend, placeholder credentials and skip flags, so `terraform plan
 * -refresh=false` runs the real provider with no AWS account and no network.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { setDeploymentContext, type EnvironmentConfig } from '@llm/config';
import { Naming, standardTags, type StackScope } from '@llm/naming';
import { setGuardrailContext } from '@llm/guardrails';
import { OFFLINE_PROVIDER_SETTINGS } from '@llm/terraform';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { DeploymentMode } from './mode';

export interface ProjectStackProps {
  readonly env: EnvironmentConfig;
  /** `global`, `bootstrap` or a region code; becomes the stack name `<env>-<scope>`. */
  readonly scope: StackScope;
  /** Region the provider works in; account-wide stacks use the primary region. */
  readonly region: string;
  readonly mode: DeploymentMode;
  /** The bootstrap stack keeps local state in both modes: the state bucket does not exist before it. */
  readonly forceLocalState?: boolean;
}

export class ProjectStack extends TerraformStack {
  readonly env: EnvironmentConfig;
  readonly naming: Naming;
  readonly region: string;
  readonly mode: DeploymentMode;

  constructor(scope: Construct, props: ProjectStackProps) {
    const naming = new Naming(props.env);
    super(scope, naming.stackName(props.scope));
    this.env = props.env;
    this.naming = naming;
    this.region = props.region;
    this.mode = props.mode;
    setDeploymentContext(this, { environment: props.env.name, region: props.region });
    // Production rules of the guardrail pack (deletion protection, reserved concurrency, ...) key on this.
    setGuardrailContext(this, { production: props.env.production });

    const isRegional = props.scope !== 'global' && props.scope !== 'bootstrap';
    const offline = props.mode === 'offline';
    new AwsProvider(this, 'Aws', {
      region: props.region,
      defaultTags: [{ tags: standardTags(props.env, props.scope, isRegional) }],
      ...(offline
        ? OFFLINE_PROVIDER_SETTINGS
        : {
            // Refuses to touch any other account, whatever credentials the caller holds.
            allowedAccountIds: [props.env.accountId],
            ...(props.env.deployRoleArn
              ? { assumeRole: [{ roleArn: props.env.deployRoleArn, sessionName: `cdktf-${this.node.id}` }] }
              : {}),
          }),
    });

    if (offline) {
      // Plans never write state; a relative path keeps the synthesized JSON the same on every machine.
      new LocalBackend(this, { path: 'terraform.tfstate' });
    } else if (props.forceLocalState) {
      // cdktf's default: <project root>/terraform.<stack>.tfstate, outside cdktf.out, so that no
      // re-synthesis or `npm start` can delete the only record of the state bucket.
      new LocalBackend(this, {});
    } else {
      new S3Backend(this, {
        bucket: naming.stateBucketName,
        key: naming.stateKey(this.node.id),
        region: naming.primaryRegion,
        encrypt: true,
        ...(props.env.deployRoleArn ? { assumeRole: { roleArn: props.env.deployRoleArn } } : {}),
      });
      // S3-native locking (Terraform >= 1.10); the typed S3Backend of cdktf 0.21 predates it.
      this.addOverride('terraform.backend.s3.use_lockfile', true);
    }
  }
}
