/** The account's OpenID Connect provider for GitHub Actions: lets workflows assume roles without stored keys. */
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { Construct } from 'constructs';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/**
 * GitHub's published certificate thumbprints. AWS no longer checks them for GitHub (it trusts
 * the host's CA), but the provider argument is kept for older accounts and tooling.
 */
const GITHUB_THUMBPRINTS = ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'];

export function githubOidcProviderArn(accountId: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

export class GithubOidcProvider extends Construct {
  readonly provider: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.provider = new IamOpenidConnectProvider(this, 'Provider', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: ['sts.amazonaws.com'],
      thumbprintList: GITHUB_THUMBPRINTS,
    });
  }
}
