variable "name" {
  description = "Prefix of the resource names in the member account (filters, trail, bucket, role)."
  type        = string
  default     = "logpulse"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "name must be 2-31 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags added to every resource that takes tags."
  type        = map(string)
  default     = {}
}

variable "destination_arn" {
  description = "The central account's CloudWatch Logs destination (output destination_arn of modules/central). It must be in this provider's region: a destination serves the log groups of its own region only."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:logs:[a-z0-9-]+:[0-9]{12}:destination:.+$", var.destination_arn))
    error_message = "destination_arn must be a CloudWatch Logs destination ARN (arn:aws:logs:REGION:ACCOUNT:destination:NAME)."
  }
}

variable "log_group_names" {
  description = "Log groups to subscribe, by exact name."
  type        = list(string)
  default     = []
}

variable "log_group_prefixes" {
  description = "Log group name prefixes (e.g. /aws/lambda/checkout-): the groups that exist at plan time are subscribed. Re-apply to pick up new groups, or use the account policy."
  type        = list(string)
  default     = []
}

variable "filter_pattern" {
  description = "CloudWatch Logs filter pattern of the subscriptions; empty sends every event."
  type        = string
  default     = ""
}

variable "subscription_filter_name" {
  description = "Name of the subscription filter on each log group (a log group has at most two filters)."
  type        = string
  default     = "logpulse"
}

variable "create_trail" {
  description = "Create a CloudTrail trail of management events delivered to a CloudWatch Logs group that is subscribed to the destination (logpulse correlates incidents with these changes)."
  type        = bool
  default     = true
}

variable "trail_enable_logging" {
  description = "Whether the trail records (false pauses it without deleting anything)."
  type        = bool
  default     = true
}

variable "trail_read_write_type" {
  description = "Management events the trail records: WriteOnly (changes: what logpulse needs, a fraction of the volume), ReadOnly or All."
  type        = string
  default     = "WriteOnly"

  validation {
    condition     = contains(["WriteOnly", "ReadOnly", "All"], var.trail_read_write_type)
    error_message = "trail_read_write_type must be WriteOnly, ReadOnly or All."
  }
}

variable "trail_multi_region" {
  description = "Record management events of every region in this trail."
  type        = bool
  default     = true
}

variable "trail_log_retention_days" {
  description = "Retention of the trail's CloudWatch Logs group (the central stream already has the events)."
  type        = number
  default     = 14
}

variable "trail_bucket_name" {
  description = "S3 bucket CloudTrail delivers its files to (CloudTrail always needs one); null derives <name>-trail-<account id>-<region>."
  type        = string
  default     = null
}

variable "trail_bucket_expiration_days" {
  description = "Days the trail's S3 files are kept."
  type        = number
  default     = 90
}

variable "trail_bucket_force_destroy" {
  description = "Allow terraform destroy to delete the non-empty trail bucket."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the trail bucket, the trail and the log group; null uses S3-managed encryption (SSE-S3) and CloudWatch Logs' default encryption. The key policy must allow cloudtrail.amazonaws.com and logs.<region>.amazonaws.com."
  type        = string
  default     = null
}

variable "enable_account_policy" {
  description = "Use an account-level subscription filter policy (every log group of the account and region, present and future) instead of per-group filters. Per-group filters are then not created, so no event is sent twice."
  type        = bool
  default     = false
}

variable "account_policy_excluded_log_groups" {
  description = "Log groups the account policy leaves out (at most 50), e.g. very noisy groups that logpulse does not need."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.account_policy_excluded_log_groups) <= 50
    error_message = "An account policy can exclude at most 50 log groups."
  }
}
