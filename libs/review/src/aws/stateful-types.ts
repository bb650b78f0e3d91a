/** Resource types whose loss loses data or identity: replacing or deleting one is never routine. */

const STATEFUL: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'an S3 bucket: its objects and versions go with it',
  aws_s3_directory_bucket: 'an S3 directory bucket: its objects go with it',
  aws_s3_object: 'an S3 object',
  aws_s3_bucket_object: 'an S3 object',
  aws_ecr_repository: 'an ECR repository: its images go with it',
  aws_ecrpublic_repository: 'an ECR repository: its images go with it',
  aws_secretsmanager_secret: 'a secret: its value and rotation history go with it',
  aws_secretsmanager_secret_version: 'a secret value',
  aws_ssm_parameter: 'an SSM parameter value',
  aws_kms_key: 'a KMS key: data encrypted with it becomes unreadable',
  aws_kms_replica_key: 'a KMS key: data encrypted with it becomes unreadable',
  aws_kms_external_key: 'a KMS key: data encrypted with it becomes unreadable',
  aws_cloudwatch_log_group: 'a log group: its log history goes with it',
  aws_dynamodb_table: 'a DynamoDB table: its items go with it',
  aws_dynamodb_table_replica: 'a DynamoDB replica: its items go with it',
  aws_db_instance: 'a database instance',
  aws_rds_cluster: 'a database cluster',
  aws_docdb_cluster: 'a database cluster',
  aws_neptune_cluster: 'a database cluster',
  aws_redshift_cluster: 'a data warehouse',
  aws_elasticache_replication_group: 'a cache with data',
  aws_efs_file_system: 'a file system',
  aws_ebs_volume: 'a volume',
  aws_sqs_queue: 'a queue: messages in it are lost',
  aws_kinesis_stream: 'a stream: records in it are lost',
  aws_opensearch_domain: 'a search domain: its indices go with it',
  aws_elasticsearch_domain: 'a search domain: its indices go with it',
  aws_backup_vault: 'a backup vault: its recovery points go with it',
  aws_glacier_vault: 'an archive vault',
  aws_cognito_user_pool: 'a user pool: its users and their identities go with it',
  aws_iam_user: 'an IAM user: its identity and keys go with it',
  aws_route53_zone: 'a hosted zone: delegations to its name servers break',
  aws_acm_certificate: 'a certificate in use by endpoints',
};

/** Why losing a resource of this type matters, or undefined when it holds no data or identity. */
export function statefulReason(type: string): string | undefined {
  return STATEFUL[type];
}
