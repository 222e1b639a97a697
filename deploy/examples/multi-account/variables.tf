variable "region" {
  description = "Region of the central stream and of the member log groups (a CloudWatch Logs destination serves its own region only)."
  type        = string
  default     = "eu-west-1"
}

variable "member_a_account_id" {
  description = "First member account."
  type        = string
  default     = "111111111111"
}

variable "member_b_account_id" {
  description = "Second member account."
  type        = string
  default     = "222222222222"
}

variable "member_role_name" {
  description = "Role Terraform assumes in each member account (e.g. OrganizationAccountAccessRole, or a narrower deploy role)."
  type        = string
  default     = "OrganizationAccountAccessRole"
}

variable "jar_key" {
  description = "S3 key of the job jar in the data bucket; scripts/deploy-jar.sh sets it."
  type        = string
  default     = "artifacts/logpulse-jobs.jar"
}

variable "create_application" {
  description = "Create the Flink application. Leave false on the first apply, upload the jar (scripts/deploy-jar.sh), then set true."
  type        = bool
  default     = false
}

variable "alarm_email_endpoints" {
  description = "E-mail addresses for alarms and incidents."
  type        = list(string)
  default     = []
}
