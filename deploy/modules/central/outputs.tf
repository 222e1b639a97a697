output "stream_arn" {
  description = "ARN of the Kinesis stream the job reads (source.kinesis.streams)."
  value       = aws_kinesis_stream.this.arn
}

output "stream_name" {
  description = "Name of the Kinesis stream."
  value       = aws_kinesis_stream.this.name
}

output "destination_arn" {
  description = "CloudWatch Logs destination ARN: what member accounts pass to modules/member (destination_arn)."
  value       = aws_cloudwatch_log_destination.this.arn
}

output "kms_key_arn" {
  description = "KMS key encrypting the stream, the bucket, the log groups and the topic."
  value       = aws_kms_key.this.arn
}

output "data_bucket" {
  description = "Name of the S3 data-lake bucket (output.path is s3://<this>/; the jar goes under artifacts_prefix)."
  value       = aws_s3_bucket.data.bucket
}

output "data_bucket_arn" {
  description = "ARN of the S3 data-lake bucket."
  value       = aws_s3_bucket.data.arn
}

output "glue_database" {
  description = "Glue database of the Parquet tables (query it with the Athena workgroup)."
  value       = aws_glue_catalog_database.this.name
}

output "glue_tables" {
  description = "Glue tables created: table name => columns (name and type), derived from the Avro schemas."
  value       = { for t, cols in local.table_columns : t => { for c in cols : c.name => c.type } }
}

output "tables_without_schema" {
  description = "Tables in var.tables whose Avro schema file does not exist yet (no Glue table)."
  value       = sort([for t in keys(var.tables) : t if !contains(keys(local.table_columns), t)])
}

output "athena_workgroup" {
  description = "Athena workgroup with encrypted results and a per-query scan limit."
  value       = aws_athena_workgroup.this.name
}

output "application_name" {
  description = "Managed Service for Apache Flink application name (for scripts/deploy-jar.sh and the console)."
  value       = local.application_name
}

output "application_role_arn" {
  description = "Service execution role of the application."
  value       = aws_iam_role.application.arn
}

output "application_log_group" {
  description = "Log group of the application."
  value       = aws_cloudwatch_log_group.application.name
}

output "application_stack_name" {
  description = "CloudFormation stack holding the application; null when create_application is false."
  value       = var.create_application ? aws_cloudformation_stack.application[0].name : null
}

output "job_properties" {
  description = "The job's effective configuration as flat keys (defaults derived here, overridden by job_properties)."
  value       = local.job_properties
}

output "msf_template_body" {
  description = "The rendered CloudFormation template of the application (linted by the tests)."
  value       = jsonencode(local.msf_template)
}

output "jar_s3_uri" {
  description = "Where the application loads the jar from."
  value       = "s3://${aws_s3_bucket.data.bucket}/${var.jar_key}"
}

output "incident_bus_name" {
  description = "EventBridge bus the job publishes incidents to (eventbridge.bus)."
  value       = aws_cloudwatch_event_bus.incidents.name
}

output "incident_bus_arn" {
  description = "ARN of the incidents bus; add your own rules to it."
  value       = aws_cloudwatch_event_bus.incidents.arn
}

output "notifications_topic_arn" {
  description = "SNS topic receiving the alarms and the example incident rule."
  value       = aws_sns_topic.notifications.arn
}

output "alarm_names" {
  description = "Names of the job-health alarms."
  value = [
    aws_cloudwatch_metric_alarm.downtime.alarm_name,
    aws_cloudwatch_metric_alarm.failed_checkpoints.alarm_name,
    aws_cloudwatch_metric_alarm.millis_behind_latest.alarm_name,
    aws_cloudwatch_metric_alarm.dead_letters.alarm_name,
  ]
}

output "dashboard_name" {
  description = "CloudWatch dashboard name; null when create_dashboard is false."
  value       = var.create_dashboard ? aws_cloudwatch_dashboard.this[0].dashboard_name : null
}
