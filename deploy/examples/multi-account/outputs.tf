output "data_bucket" {
  description = "Data-lake bucket (scripts/deploy-jar.sh uploads the jar here)."
  value       = module.central.data_bucket
}

output "application_name" {
  description = "Flink application name (scripts/deploy-jar.sh updates it)."
  value       = module.central.application_name
}

output "destination_arn" {
  description = "CloudWatch Logs destination for more member accounts."
  value       = module.central.destination_arn
}

output "glue_database" {
  description = "Glue database to query with Athena."
  value       = module.central.glue_database
}

output "athena_workgroup" {
  description = "Athena workgroup to query with."
  value       = module.central.athena_workgroup
}

output "job_properties" {
  description = "Effective job configuration."
  value       = module.central.job_properties
}

output "member_a_subscribed_log_groups" {
  description = "Log groups of member A sending to logpulse."
  value       = module.member_a.subscribed_log_groups
}
