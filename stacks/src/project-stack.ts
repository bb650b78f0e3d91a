/**
 * Base of every stack: one AWS provider and one backend, configured for the deployment mode.
 * Real mode: S3 backend in the account's state bucket, provider pinned to the account.
 * Offline mode: local backend, placeholder credentials and skip flags, so `terraform plan
 * -refresh=false` runs the real provider with no AWS account and no network.
 * Emulator mode: real mode's backend and provider, every endpoint on the local emulator.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { setDeploymentContext, type EnvironmentConfig } from '@llm/config';
import { Naming, standardTags, type StackScope } from '@llm/naming';
import { setGuardrailContext } from '@llm/guardrails';
import { emulatorBackendSettings, emulatorPort, emulatorProviderSettings, OFFLINE_PROVIDER_SETTINGS } from '@llm/terraform';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { isEmulatorMode, type DeploymentMode } from './mode';

/** Where emulator mode keeps its files (bootstrap state, moto's pid and log), relative to the project root. */
export const EMULATOR_LOCAL_STATE_DIR = '.emulator';

/** `<root>/.emulator/<port>/terraform.<stack>.tfstate`: the local state of a bootstrap stack applied into one emulator. */
export function emulatorLocalStatePath(projectRoot: string, url: URL, stackName: string): string {
  return join(projectRoot, EMULATOR_LOCAL_STATE_DIR, String(emulatorPort(url)), `terraform.${stackName}.tfstate`);
}

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
    const mode = props.mode;
    const sessionName = `cdktf-${this.node.id}`;
    new AwsProvider(this, 'Aws', {
      region: props.region,
      defaultTags: [{ tags: standardTags(props.env, props.scope, isRegional) }],
      ...(offline
        ? OFFLINE_PROVIDER_SETTINGS
        : isEmulatorMode(mode)
          ? emulatorProviderSettings(mode.url, props.env.accountId, sessionName)
          : {
              // Refuses to touch any other account, whatever credentials the caller holds.
              allowedAccountIds: [props.env.accountId],
              ...(props.env.deployRoleArn ? { assumeRole: [{ roleArn: props.env.deployRoleArn, sessionName }] } : {}),
            }),
    });

    if (offline) {
      // Plans never write state; a relative path keeps the synthesized JSON the same on every machine.
      new LocalBackend(this, { path: 'terraform.tfstate' });
    } else if (props.forceLocalState && isEmulatorMode(mode)) {
      // The emulator's resources live in its memory, so their bootstrap state belongs to that one
      // emulator (one folder per port), apart from any real state (never terraform.<stack>.tfstate
      // at the root) and outside cdktf.out, which re-synthesis replaces.
      new LocalBackend(this, { path: emulatorLocalStatePath(process.cwd(), mode.url, this.node.id) });
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
      if (isEmulatorMode(mode)) {
        for (const [key, value] of Object.entries(emulatorBackendSettings(mode.url, props.env.accountId))) {
          this.addOverride(`terraform.backend.s3.${key}`, value);
        }
      }
    }
  }
}
