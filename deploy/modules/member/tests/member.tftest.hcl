# Offline tests of modules/member with a mocked AWS provider.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "111111111111", arn = "arn:aws:iam::111111111111:user/test" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::logpulse-trail-111111111111-eu-west-1" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111111111111:role/logpulse-cloudtrail-to-logs" }
  }
  mock_resource "aws_cloudtrail" {
    defaults = { arn = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/logpulse-changes" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/cloudtrail/logpulse" }
  }
}

override_data {
  target = data.aws_cloudwatch_log_groups.prefix["/aws/lambda/checkout-"]
  values = { log_group_names = ["/aws/lambda/checkout-api", "/aws/lambda/checkout-worker"] }
}

variables {
  destination_arn    = "arn:aws:logs:eu-west-1:123456789012:destination:logpulse"
  log_group_names    = ["/ecs/orders", "/aws/lambda/checkout-api"]
  log_group_prefixes = ["/aws/lambda/checkout-"]
}

run "subscribes_named_and_prefixed_log_groups_once_each" {
  assert {
    condition     = toset(keys(aws_cloudwatch_log_subscription_filter.this)) == toset(["/ecs/orders", "/aws/lambda/checkout-api", "/aws/lambda/checkout-worker"])
    error_message = "Named and prefix-matched groups must each get one filter (no duplicates)."
  }
  assert {
    condition = alltrue([
      for f in aws_cloudwatch_log_subscription_filter.this :
      f.destination_arn == var.destination_arn && f.filter_pattern == ""
    ])
    error_message = "Every filter must point at the central destination and send every event."
  }
  assert {
    condition     = length(aws_cloudwatch_log_account_policy.subscription) == 0
    error_message = "No account policy unless asked for."
  }
}

run "trail_delivers_writes_to_a_subscribed_log_group" {
  assert {
    condition = (
      aws_cloudtrail.this[0].cloud_watch_logs_group_arn == "${aws_cloudwatch_log_group.trail[0].arn}:*" &&
      aws_cloudtrail.this[0].cloud_watch_logs_role_arn == aws_iam_role.trail_to_logs[0].arn &&
      aws_cloudtrail.this[0].is_multi_region_trail &&
      aws_cloudtrail.this[0].enable_log_file_validation &&
      one(aws_cloudtrail.this[0].event_selector).read_write_type == "WriteOnly"
    )
    error_message = "The trail must deliver write management events of all regions to its log group, with file validation."
  }
  assert {
    condition     = aws_cloudwatch_log_subscription_filter.trail[0].log_group_name == aws_cloudwatch_log_group.trail[0].name && aws_cloudwatch_log_subscription_filter.trail[0].destination_arn == var.destination_arn
    error_message = "The trail's log group must be subscribed to the destination."
  }
  assert {
    condition     = jsondecode(aws_iam_role_policy.trail_to_logs[0].policy).Statement[0].Resource == "${aws_cloudwatch_log_group.trail[0].arn}:log-stream:*"
    error_message = "CloudTrail's role may write only to the trail log group."
  }
  assert {
    condition     = jsondecode(aws_iam_role.trail_to_logs[0].assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceArn"] == "arn:aws:cloudtrail:eu-west-1:111111111111:trail/logpulse-changes"
    error_message = "Only this trail may assume the delivery role."
  }
}

run "trail_bucket_is_private_encrypted_tls_only_and_expires" {
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.trail[0].block_public_acls,
      aws_s3_bucket_public_access_block.trail[0].block_public_policy,
      aws_s3_bucket_public_access_block.trail[0].ignore_public_acls,
      aws_s3_bucket_public_access_block.trail[0].restrict_public_buckets,
    ])
    error_message = "The trail bucket must block public access."
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.trail[0].rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "Without a KMS key the trail bucket uses SSE-S3."
  }
  assert {
    condition = anytrue([
      for s in jsondecode(aws_s3_bucket_policy.trail[0].policy).Statement :
      try(s.Effect == "Deny" && s.Condition.Bool["aws:SecureTransport"] == "false", false)
    ])
    error_message = "The trail bucket must be TLS-only."
  }
  assert {
    condition = alltrue([
      for s in jsondecode(aws_s3_bucket_policy.trail[0].policy).Statement :
      try(s.Condition.StringEquals["aws:SourceArn"] == "arn:aws:cloudtrail:eu-west-1:111111111111:trail/logpulse-changes", false) if s.Effect == "Allow"
    ])
    error_message = "CloudTrail may write only on behalf of this trail."
  }
  assert {
    condition     = one(one(aws_s3_bucket_lifecycle_configuration.trail[0].rule).expiration).days == 90
    error_message = "Trail files must expire."
  }
}

run "kms_key_encrypts_bucket_trail_and_log_group" {
  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/11111111-1111-1111-1111-111111111111"
  }
  assert {
    condition = (
      one(one(aws_s3_bucket_server_side_encryption_configuration.trail[0].rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms" &&
      aws_cloudtrail.this[0].kms_key_id == var.kms_key_arn &&
      aws_cloudwatch_log_group.trail[0].kms_key_id == var.kms_key_arn
    )
    error_message = "A given KMS key must encrypt the bucket, the trail and the log group."
  }
}

run "account_policy_replaces_per_group_filters" {
  variables {
    enable_account_policy              = true
    account_policy_excluded_log_groups = ["/aws/lambda/noisy"]
  }
  assert {
    condition     = length(aws_cloudwatch_log_subscription_filter.this) == 0 && length(aws_cloudwatch_log_subscription_filter.trail) == 0
    error_message = "With the account policy, per-group filters would send events twice and must not exist."
  }
  assert {
    condition = (
      aws_cloudwatch_log_account_policy.subscription[0].policy_type == "SUBSCRIPTION_FILTER_POLICY" &&
      jsondecode(aws_cloudwatch_log_account_policy.subscription[0].policy_document).DestinationArn == var.destination_arn &&
      aws_cloudwatch_log_account_policy.subscription[0].selection_criteria == "LogGroupName NOT IN [\"/aws/lambda/noisy\"]"
    )
    error_message = "The account policy must send to the destination and leave out the excluded groups."
  }
}

run "no_trail_when_disabled" {
  variables {
    create_trail = false
  }
  assert {
    condition     = length(aws_cloudtrail.this) == 0 && length(aws_s3_bucket.trail) == 0 && length(aws_cloudwatch_log_subscription_filter.trail) == 0
    error_message = "create_trail = false must create no trail resources."
  }
}

run "rejects_a_destination_in_another_region" {
  command = plan
  variables {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:destination:logpulse"
  }
  expect_failures = [aws_cloudwatch_log_subscription_filter.this]
}

run "rejects_something_that_is_not_a_destination" {
  command = plan
  variables {
    destination_arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/logpulse"
  }
  expect_failures = [var.destination_arn]
}
