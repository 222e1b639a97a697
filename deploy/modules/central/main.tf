data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix

  tags = merge({ "app" = "logpulse" }, var.tags)

  bucket_name      = coalesce(var.bucket_name, "${var.name}-data-${local.account_id}-${local.region}")
  application_name = var.name
  app_log_group    = "/aws/kinesis-analytics/${local.application_name}"
  app_log_stream   = "kinesis-analytics-log-stream"
  glue_database    = coalesce(var.glue_database_name, replace(var.name, "-", "_"))

  # Accounts whose CloudWatch Logs may write through the destination role (the
  # central account too, so it can subscribe its own log groups).
  source_account_ids = distinct(concat([local.account_id], var.allowed_account_ids))
}

# ---------------------------------------------------------------------------
# KMS: one customer managed key for the stream, the bucket, the log groups and
# the SNS topic. Services get only what they need, through kms:ViaService or
# encryption-context conditions; IAM policies in this account do the rest.
# ---------------------------------------------------------------------------

resource "aws_kms_key" "this" {
  description             = "${var.name}: Kinesis stream, data lake, log groups and notifications"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = jsonencode(local.kms_key_policy)
  tags                    = local.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

locals {
  kms_key_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersKeyThroughIam"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*" # in a key policy, "*" is the key itself
      },
      {
        Sid       = "CloudWatchLogsEncryptsLogGroupsOfThisAccount"
        Effect    = "Allow"
        Principal = { Service = "logs.${local.region}.${local.dns_suffix}" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"
          }
        }
      },
      {
        Sid       = "AlarmsAndEventBridgePublishToTheEncryptedTopic"
        Effect    = "Allow"
        Principal = { Service = ["cloudwatch.amazonaws.com", "events.amazonaws.com"] }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = { "kms:ViaService" = "sns.${local.region}.${local.dns_suffix}" }
        }
      },
    ]
  }
}

# ---------------------------------------------------------------------------
# Kinesis data stream
# ---------------------------------------------------------------------------

resource "aws_kinesis_stream" "this" {
  name             = var.name
  shard_count      = var.stream_mode == "PROVISIONED" ? var.shard_count : null
  retention_period = var.stream_retention_hours
  encryption_type  = "KMS"
  kms_key_id       = aws_kms_key.this.arn

  stream_mode_details {
    stream_mode = var.stream_mode
  }

  tags = local.tags
}

# ---------------------------------------------------------------------------
# CloudWatch Logs destination: what member accounts' subscription filters name
# ---------------------------------------------------------------------------

resource "aws_iam_role" "logs_to_kinesis" {
  name                 = "${var.name}-logs-to-kinesis"
  description          = "CloudWatch Logs writes subscription records of the allowed accounts into the ${var.name} stream."
  assume_role_policy   = local.logs_assume_role_policy_json
  max_session_duration = 3600
  tags                 = local.tags
}

locals {
  # CloudWatch Logs assumes the role on behalf of the source accounts only.
  logs_trust_condition_accounts = {
    StringLike = {
      "aws:SourceArn" = [for id in local.source_account_ids : "arn:${local.partition}:logs:${local.region}:${id}:*"]
    }
  }
  logs_trust_condition_org = {
    StringLike   = { "aws:SourceArn" = "arn:${local.partition}:logs:${local.region}:*:*" }
    StringEquals = { "aws:SourceOrgID" = coalesce(var.organization_id, "unset") }
  }
  # Branches are whole JSON documents because HCL cannot unify two object shapes in a conditional.
  logs_assume_role_policy_json = var.organization_id == null ? jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = local.logs_trust_condition_accounts
    }]
    }) : jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = local.logs_trust_condition_org
    }]
  })

  logs_to_kinesis_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "PutSubscriptionRecords"
        Effect   = "Allow"
        Action   = ["kinesis:PutRecord", "kinesis:PutRecords"]
        Resource = aws_kinesis_stream.this.arn
      },
      {
        Sid      = "EncryptRecordsWithTheStreamKey"
        Effect   = "Allow"
        Action   = "kms:GenerateDataKey"
        Resource = aws_kms_key.this.arn
        Condition = {
          StringEquals = { "kms:ViaService" = "kinesis.${local.region}.${local.dns_suffix}" }
        }
      },
    ]
  }
}

resource "aws_iam_role_policy" "logs_to_kinesis" {
  name   = "put-records"
  role   = aws_iam_role.logs_to_kinesis.id
  policy = jsonencode(local.logs_to_kinesis_policy)
}

resource "aws_cloudwatch_log_destination" "this" {
  name       = var.name
  role_arn   = aws_iam_role.logs_to_kinesis.arn
  target_arn = aws_kinesis_stream.this.arn

  depends_on = [aws_iam_role_policy.logs_to_kinesis]
}

locals {
  destination_statement_accounts = {
    Sid       = "ListedAccountsSubscribe"
    Effect    = "Allow"
    Principal = { AWS = var.allowed_account_ids }
    # PutAccountPolicy: member accounts may also use an account-level subscription policy.
    Action   = ["logs:PutSubscriptionFilter", "logs:PutAccountPolicy"]
    Resource = aws_cloudwatch_log_destination.this.arn
  }
  destination_statement_org = {
    Sid       = "OrganizationAccountsSubscribe"
    Effect    = "Allow"
    Principal = { AWS = "*" }
    Action    = ["logs:PutSubscriptionFilter", "logs:PutAccountPolicy"]
    Resource  = aws_cloudwatch_log_destination.this.arn
    Condition = { StringEquals = { "aws:PrincipalOrgID" = coalesce(var.organization_id, "unset") } }
  }
  destination_access_policy_json = var.organization_id == null ? jsonencode({
    Version   = "2012-10-17"
    Statement = [local.destination_statement_accounts]
    }) : jsonencode({
    Version   = "2012-10-17"
    Statement = [local.destination_statement_org]
  })
}

resource "aws_cloudwatch_log_destination_policy" "this" {
  destination_name = aws_cloudwatch_log_destination.this.name
  access_policy    = local.destination_access_policy_json

  lifecycle {
    precondition {
      condition     = length(var.allowed_account_ids) > 0 || var.organization_id != null
      error_message = "Set allowed_account_ids or organization_id: the destination must name who may subscribe to it."
    }
  }
}
