terraform {
  required_version = ">= 1.7.0" # mock_provider / override_* in terraform test

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60.0, < 6.0.0"
    }
  }
}
