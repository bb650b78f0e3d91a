/** IAM Access Analyzer for the account, in one region: reports resources shared outside the account. */
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { Construct } from 'constructs';

export interface AccessAnalyzerProps {
  /** 1..255 letters, digits, `.`, `_`, `-`. */
  readonly analyzerName: string;
}

export class AccessAnalyzer extends Construct {
  readonly analyzer: AccessanalyzerAnalyzer;

  constructor(scope: Construct, id: string, props: AccessAnalyzerProps) {
    super(scope, id);
    this.analyzer = new AccessanalyzerAnalyzer(this, 'Analyzer', { analyzerName: props.analyzerName, type: 'ACCOUNT' });
  }
}
