import { CeAnomalyMonitor } from '@cdktf/provider-aws/lib/ce-anomaly-monitor';
import { CeAnomalySubscription } from '@cdktf/provider-aws/lib/ce-anomaly-subscription';
import { TerraformVariable, Testing } from 'cdktf';
import { CostAnomalyAlerts, type CostAnomalyAlertsProps } from './index';

const props: CostAnomalyAlertsProps = {
  name: 'llm-prod-cost-anomalies',
  accountId: '111111111111',
  emails: ['ops@example.com', 'finance@example.com'],
};

function synth(overrides: Partial<CostAnomalyAlertsProps> = {}): string {
  return Testing.synthScope((scope) => new CostAnomalyAlerts(scope, 'Anomalies', { ...props, ...overrides }));
}

describe('CostAnomalyAlerts', () => {
  it('monitors cost per AWS service', () => {
    expect(synth()).toHaveResourceWithProperties(CeAnomalyMonitor, {
      name: 'llm-prod-cost-anomalies',
      monitor_type: 'DIMENSIONAL',
      monitor_dimension: 'SERVICE',
    });
  });

  it("e-mails a daily digest of the monitor's anomalies to every address, for the account given explicitly", () => {
    expect(synth()).toHaveResourceWithProperties(CeAnomalySubscription, {
      name: 'llm-prod-cost-anomalies',
      account_id: '111111111111',
      frequency: 'DAILY',
      monitor_arn_list: [expect.stringMatching(/^\$\{aws_ce_anomaly_monitor\.Anomalies_Monitor_[0-9A-F]+\.arn\}$/)],
      subscriber: [
        { type: 'EMAIL', address: 'ops@example.com' },
        { type: 'EMAIL', address: 'finance@example.com' },
      ],
    });
  });

  it('reports anomalies with a total impact of 50 USD or more by default', () => {
    expect(synth()).toHaveResourceWithProperties(CeAnomalySubscription, {
      threshold_expression: {
        dimension: { key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', match_options: ['GREATER_THAN_OR_EQUAL'], values: ['50'] },
      },
    });
  });

  it('uses the threshold asked for', () => {
    expect(synth({ thresholdUsd: 12.5 })).toHaveResourceWithProperties(CeAnomalySubscription, {
      threshold_expression: { dimension: expect.objectContaining({ values: ['12.5'] }) },
    });
  });

  describe('validation', () => {
    it('rejects an empty address list, since the digest goes by e-mail only', () => {
      expect(() => synth({ emails: [] })).toThrow(
        'CostAnomalyAlerts emails must list at least one e-mail address (the daily anomaly digest is sent by e-mail only), got none (construct stack/Anomalies)',
      );
    });

    it('rejects an address list that is only known at apply time', () => {
      expect(() =>
        Testing.synthScope((scope) => {
          const emails = new TerraformVariable(scope, 'emails', { type: 'list(string)' }).listValue;
          new CostAnomalyAlerts(scope, 'Anomalies', { ...props, emails });
        }),
      ).toThrow(
        'CostAnomalyAlerts emails must be a list known at synth time (each address becomes its own subscriber), got an unresolved token; pass the addresses from configuration (construct stack/Anomalies)',
      );
    });

    it('rejects an invalid or repeated address', () => {
      expect(() => synth({ emails: ['ops@example'] })).toThrow(
        'CostAnomalyAlerts emails[0] must be an e-mail address, got "ops@example" (construct stack/Anomalies)',
      );
      expect(() => synth({ emails: ['ops@example.com', 'ops@example.com'] })).toThrow(
        'CostAnomalyAlerts emails must not repeat an address (compared ignoring case), got "ops@example.com" more than once (construct stack/Anomalies)',
      );
    });

    it('rejects a threshold that is not a positive amount', () => {
      expect(() => synth({ thresholdUsd: 0 })).toThrow('CostAnomalyAlerts thresholdUsd must be a positive amount in USD, got 0 (construct stack/Anomalies)');
      expect(() => synth({ thresholdUsd: Number.POSITIVE_INFINITY })).toThrow(
        'CostAnomalyAlerts thresholdUsd must be a positive amount in USD, got Infinity (construct stack/Anomalies)',
      );
    });

    it('rejects an account id that is not 12 digits', () => {
      expect(() => synth({ accountId: '' })).toThrow('CostAnomalyAlerts accountId must be 12 digits, got "" (construct stack/Anomalies)');
    });

    it('rejects an empty name', () => {
      expect(() => synth({ name: '' })).toThrow('CostAnomalyAlerts name must be 1..1024 characters, got "" (construct stack/Anomalies)');
    });
  });
});
