output "subscribed_log_groups" {
  description = "Log groups with a subscription filter to the central destination (besides the trail's group)."
  value       = sort(keys(aws_cloudwatch_log_subscription_filter.this))
}

output "trail_arn" {
  description = "ARN of the CloudTrail trail; null when create_trail is false."
  value       = var.create_trail ? aws_cloudtrail.this[0].arn : null
}

output "trail_log_group" {
  description = "CloudWatch Logs group the trail delivers to; null when create_trail is false."
  value       = var.create_trail ? aws_cloudwatch_log_group.trail[0].name : null
}

output "trail_bucket" {
  description = "S3 bucket of the trail's files; null when create_trail is false."
  value       = var.create_trail ? aws_s3_bucket.trail[0].bucket : null
}

output "account_policy_name" {
  description = "Name of the account-level subscription policy; null when enable_account_policy is false."
  value       = var.enable_account_policy ? aws_cloudwatch_log_account_policy.subscription[0].policy_name : null
}
