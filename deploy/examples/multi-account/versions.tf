terraform {
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60.0, < 6.0.0"
    }
  }

  # Keep state remote and locked in real use, e.g.:
  # backend "s3" {
  #   bucket       = "my-terraform-state"
  #   key          = "logpulse/multi-account.tfstate"
  #   region       = "eu-west-1"
  #   use_lockfile = true
  # }
}
