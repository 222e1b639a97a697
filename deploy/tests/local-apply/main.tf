# Apply test of the data plane against a local moto_server (run by ../../test.sh).
# It mirrors examples/multi-account: the central module in account
# 123456789012 and the member module in 111111111111 through a provider alias
# that assumes a role there (moto's STS hands out credentials of that account).
#
# Not applied here, and why (see deploy/README.md):
# - the MSF application (create_application = false): moto has no
#   kinesisanalyticsv2, and its CloudFormation does not create
#   AWS::KinesisAnalyticsV2::Application;
# - the account-level subscription policy: moto lacks PutAccountPolicy;
# - starting the trail's logging: moto's StartLogging fails on a trail ARN.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "endpoint" {
  description = "URL of the local moto_server, e.g. http://127.0.0.1:4566."
  type        = string
}

variable "region" {
  type    = string
  default = "eu-west-1"
}


provider "aws" {
  region                      = var.region
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = false
  s3_use_path_style           = true

  endpoints {
    athena         = var.endpoint
    cloudformation = var.endpoint
    cloudtrail     = var.endpoint
    cloudwatch     = var.endpoint
    cloudwatchlogs = var.endpoint
    events         = var.endpoint
    glue           = var.endpoint
    iam            = var.endpoint
    kinesis        = var.endpoint
    kms            = var.endpoint
    s3             = var.endpoint
    sns            = var.endpoint
    sts            = var.endpoint
  }
}

provider "aws" {
  alias                       = "member"
  region                      = var.region
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true

  assume_role {
    role_arn     = "arn:aws:iam::111111111111:role/logpulse-deployer"
    session_name = "logpulse-local-apply"
  }

  endpoints {
    athena         = var.endpoint
    cloudformation = var.endpoint
    cloudtrail     = var.endpoint
    cloudwatch     = var.endpoint
    cloudwatchlogs = var.endpoint
    events         = var.endpoint
    glue           = var.endpoint
    iam            = var.endpoint
    kinesis        = var.endpoint
    kms            = var.endpoint
    s3             = var.endpoint
    sns            = var.endpoint
    sts            = var.endpoint
  }
}

module "central" {
  source = "../../modules/central"

  name                 = "logpulse"
  allowed_account_ids  = ["111111111111", "222222222222"]
  create_application   = false
  bucket_force_destroy = true
  lifecycle_overrides = {
    dead_letters = { expiration_days = 30, standard_ia_days = 0, glacier_ir_days = 0 }
  }
  job_properties = {
    "source.kinesis.start-position" = "trim-horizon"
  }
}

# moto shim: moto resolves a subscription filter's logs:...:destination:NAME
# ARN as if it named a log group NAME in the destination's account, so the
# member's filters apply only if such a group exists. Real CloudWatch Logs
# needs nothing of the kind.
resource "aws_cloudwatch_log_group" "moto_destination_shim" {
  name = "logpulse"
}

# An application log group in the member account, as a team would have.
resource "aws_cloudwatch_log_group" "member_app" {
  provider = aws.member
  name     = "/aws/lambda/checkout-api"
}

module "member" {
  source    = "../../modules/member"
  providers = { aws = aws.member }

  destination_arn            = module.central.destination_arn
  log_group_names            = [aws_cloudwatch_log_group.member_app.name]
  trail_bucket_force_destroy = true
  # moto's StartLogging cannot find a trail by ARN (KeyError, HTTP 500) and the
  # provider retries it forever; the trail is created, just not started.
  trail_enable_logging = false

  depends_on = [aws_cloudwatch_log_group.moto_destination_shim]
}

output "central" {
  value = {
    stream_name      = module.central.stream_name
    stream_arn       = module.central.stream_arn
    destination_arn  = module.central.destination_arn
    kms_key_arn      = module.central.kms_key_arn
    data_bucket      = module.central.data_bucket
    glue_database    = module.central.glue_database
    glue_tables      = module.central.glue_tables
    alarm_names      = module.central.alarm_names
    dashboard_name   = module.central.dashboard_name
    incident_bus     = module.central.incident_bus_name
    topic_arn        = module.central.notifications_topic_arn
    athena_workgroup = module.central.athena_workgroup
    application_role = module.central.application_role_arn
    job_properties   = module.central.job_properties
  }
}

output "member" {
  value = {
    subscribed_log_groups = module.member.subscribed_log_groups
    trail_log_group       = module.member.trail_log_group
    trail_bucket          = module.member.trail_bucket
    trail_arn             = module.member.trail_arn
  }
}

output "msf_template_body" {
  value = module.central.msf_template_body
}
