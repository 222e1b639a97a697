data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition
  tags       = merge({ "app" = "logpulse" }, var.tags)

  trail_name      = "${var.name}-changes"
  trail_log_group = "/aws/cloudtrail/${var.name}"
  trail_arn       = "arn:${local.partition}:cloudtrail:${local.region}:${local.account_id}:trail/${local.trail_name}"
  trail_bucket    = coalesce(var.trail_bucket_name, "${var.name}-trail-${local.account_id}-${local.region}")

  # Log groups with a subscription filter: by name, by prefix (as they exist
  # at plan time) and the trail's group. None when the account policy is on.
  prefixed_groups = flatten([for p in var.log_group_prefixes : data.aws_cloudwatch_log_groups.prefix[p].log_group_names])
  subscribed_groups = var.enable_account_policy ? [] : distinct(concat(
    var.log_group_names,
    local.prefixed_groups,
  ))
}

data "aws_cloudwatch_log_groups" "prefix" {
  for_each              = toset(var.log_group_prefixes)
  log_group_name_prefix = each.value
}

resource "aws_cloudwatch_log_subscription_filter" "this" {
  for_each = toset(local.subscribed_groups)

  name            = var.subscription_filter_name
  log_group_name  = each.value
  filter_pattern  = var.filter_pattern
  destination_arn = var.destination_arn
  # No role_arn: a cross-account destination writes with its own role.

  lifecycle {
    precondition {
      condition     = split(":", var.destination_arn)[3] == local.region
      error_message = "The destination is in ${split(":", var.destination_arn)[3]} but this provider is in ${local.region}: subscribe log groups to a destination of their own region."
    }
  }
}

resource "aws_cloudwatch_log_account_policy" "subscription" {
  count = var.enable_account_policy ? 1 : 0

  policy_name = "${var.name}-subscription"
  policy_type = "SUBSCRIPTION_FILTER_POLICY"
  scope       = "ALL"
  policy_document = jsonencode({
    DestinationArn = var.destination_arn
    FilterPattern  = var.filter_pattern
    Distribution   = "Random"
  })
  selection_criteria = length(var.account_policy_excluded_log_groups) == 0 ? null : "LogGroupName NOT IN [${join(", ", [for g in var.account_policy_excluded_log_groups : "\"${g}\""])}]"

  lifecycle {
    precondition {
      condition     = split(":", var.destination_arn)[3] == local.region
      error_message = "The destination must be in the provider's region."
    }
  }
}
