# Example composition: the central account and two member accounts.
# Run with credentials of the central account; Terraform assumes
# var.member_role_name in each member account through a provider alias.

provider "aws" {
  alias  = "central"
  region = var.region
  default_tags {
    tags = { app = "logpulse", managed-by = "terraform" }
  }
}

provider "aws" {
  alias  = "member_a"
  region = var.region
  assume_role {
    role_arn     = "arn:aws:iam::${var.member_a_account_id}:role/${var.member_role_name}"
    session_name = "logpulse-deploy"
  }
  default_tags {
    tags = { app = "logpulse", managed-by = "terraform" }
  }
}

provider "aws" {
  alias  = "member_b"
  region = var.region
  assume_role {
    role_arn     = "arn:aws:iam::${var.member_b_account_id}:role/${var.member_role_name}"
    session_name = "logpulse-deploy"
  }
  default_tags {
    tags = { app = "logpulse", managed-by = "terraform" }
  }
}

module "central" {
  source    = "../../modules/central"
  providers = { aws = aws.central }

  name                  = "logpulse"
  allowed_account_ids   = [var.member_a_account_id, var.member_b_account_id]
  create_application    = var.create_application
  jar_key               = var.jar_key
  alarm_email_endpoints = var.alarm_email_endpoints

  # Dead letters are for debugging: keep them a month, in Standard.
  lifecycle_overrides = {
    dead_letters = { expiration_days = 30, standard_ia_days = 0, glacier_ir_days = 0 }
  }

  job_properties = {
    "source.kinesis.start-position" = "latest"
  }
}

module "member_a" {
  source    = "../../modules/member"
  providers = { aws = aws.member_a }

  destination_arn    = module.central.destination_arn
  log_group_names    = ["/ecs/orders"]
  log_group_prefixes = ["/aws/lambda/checkout-"]
}

module "member_b" {
  source    = "../../modules/member"
  providers = { aws = aws.member_b }

  # Every log group of the account, present and future, except a noisy one.
  destination_arn                    = module.central.destination_arn
  enable_account_policy              = true
  account_policy_excluded_log_groups = ["/aws/lambda/debug-firehose"]
}
