# ---------------------------------------------------------------------------
# CloudTrail -> CloudWatch Logs -> (subscription) -> central destination.
# CloudTrail needs an S3 bucket even when it also delivers to CloudWatch Logs.
# ---------------------------------------------------------------------------

resource "aws_s3_bucket" "trail" {
  count         = var.create_trail ? 1 : 0
  bucket        = local.trail_bucket
  force_destroy = var.trail_bucket_force_destroy
  tags          = local.tags
}

resource "aws_s3_bucket_ownership_controls" "trail" {
  count  = var.create_trail ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "trail" {
  count                   = var.create_trail ? 1 : 0
  bucket                  = aws_s3_bucket.trail[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  count  = var.create_trail ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "trail" {
  count  = var.create_trail ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  rule {
    id     = "expire-trail-files"
    status = "Enabled"
    filter {
      prefix = ""
    }
    expiration {
      days = var.trail_bucket_expiration_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

resource "aws_s3_bucket_policy" "trail" {
  count  = var.create_trail ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudTrailChecksTheAcl"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.trail[0].arn
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "CloudTrailWritesThisTrailOnly"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.trail[0].arn}/AWSLogs/${local.account_id}/*"
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.trail[0].arn, "${aws_s3_bucket.trail[0].arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
  depends_on = [aws_s3_bucket_public_access_block.trail]
}

resource "aws_cloudwatch_log_group" "trail" {
  count             = var.create_trail ? 1 : 0
  name              = local.trail_log_group
  retention_in_days = var.trail_log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = local.tags
}

resource "aws_iam_role" "trail_to_logs" {
  count       = var.create_trail ? 1 : 0
  name        = "${var.name}-cloudtrail-to-logs"
  description = "CloudTrail delivers the ${local.trail_name} trail to ${local.trail_log_group}."
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
    }]
  })
  tags = local.tags
}

resource "aws_iam_role_policy" "trail_to_logs" {
  count = var.create_trail ? 1 : 0
  name  = "deliver-to-log-group"
  role  = aws_iam_role.trail_to_logs[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.trail[0].arn}:log-stream:*"
    }]
  })
}

resource "aws_cloudtrail" "this" {
  count = var.create_trail ? 1 : 0

  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail[0].id
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail[0].arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail_to_logs[0].arn
  include_global_service_events = true
  is_multi_region_trail         = var.trail_multi_region
  enable_log_file_validation    = true
  enable_logging                = var.trail_enable_logging
  kms_key_id                    = var.kms_key_arn

  event_selector {
    read_write_type           = var.trail_read_write_type
    include_management_events = true
  }

  tags = local.tags

  depends_on = [aws_s3_bucket_policy.trail, aws_iam_role_policy.trail_to_logs]
}

# The trail's log group goes to the central destination like any other.
resource "aws_cloudwatch_log_subscription_filter" "trail" {
  count = var.create_trail && !var.enable_account_policy ? 1 : 0

  name            = var.subscription_filter_name
  log_group_name  = aws_cloudwatch_log_group.trail[0].name
  filter_pattern  = ""
  destination_arn = var.destination_arn
}
