# ---------------------------------------------------------------------------
# Naming and tagging
# ---------------------------------------------------------------------------

variable "name" {
  description = "Prefix of every resource name (stream, destination, bucket, application, alarms). Lower case letters, digits and hyphens."
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

# ---------------------------------------------------------------------------
# Ingestion: Kinesis stream and the CloudWatch Logs destination
# ---------------------------------------------------------------------------

variable "stream_mode" {
  description = "Kinesis capacity mode: ON_DEMAND (pay per GB, scales by itself) or PROVISIONED (pay per shard-hour, set shard_count)."
  type        = string
  default     = "ON_DEMAND"

  validation {
    condition     = contains(["ON_DEMAND", "PROVISIONED"], var.stream_mode)
    error_message = "stream_mode must be ON_DEMAND or PROVISIONED."
  }
}

variable "shard_count" {
  description = "Number of shards when stream_mode is PROVISIONED (1 MB/s or 1,000 records/s in, 2 MB/s out per shard). Ignored for ON_DEMAND."
  type        = number
  default     = 2

  validation {
    condition     = var.shard_count >= 1
    error_message = "shard_count must be at least 1."
  }
}

variable "stream_retention_hours" {
  description = "How long Kinesis keeps records (24-8760 hours). More than 24 hours costs extra; it bounds how far the job can fall behind or be replayed."
  type        = number
  default     = 24

  validation {
    condition     = var.stream_retention_hours >= 24 && var.stream_retention_hours <= 8760
    error_message = "stream_retention_hours must be between 24 and 8760."
  }
}

variable "allowed_account_ids" {
  description = "Member account ids allowed to subscribe their log groups to the destination. Set this or organization_id; when organization_id is set, it alone decides (accounts outside the organization are not let in)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.allowed_account_ids : can(regex("^[0-9]{12}$", id))])
    error_message = "allowed_account_ids must be 12-digit AWS account ids."
  }
}

variable "organization_id" {
  description = "AWS Organization id (o-xxxxxxxxxx) whose accounts may subscribe to the destination; null to allow only allowed_account_ids."
  type        = string
  default     = null

  validation {
    condition     = var.organization_id == null || can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))
    error_message = "organization_id must look like o-xxxxxxxxxx."
  }
}

# ---------------------------------------------------------------------------
# Data lake bucket
# ---------------------------------------------------------------------------

variable "bucket_name" {
  description = "Name of the S3 data-lake bucket; null derives <name>-data-<account id>-<region>."
  type        = string
  default     = null
}

variable "bucket_versioning" {
  description = "Keep object versions in the data-lake bucket (protects against overwrites and deletes; noncurrent versions expire after lifecycle noncurrent_days)."
  type        = bool
  default     = true
}

variable "bucket_force_destroy" {
  description = "Allow terraform destroy to delete a non-empty bucket. Keep false in production."
  type        = bool
  default     = false
}

variable "tables" {
  description = "Parquet tables the job writes, as table name => Avro schema file name in schemas_dir. A table whose schema file does not exist yet gets its S3 prefix and lifecycle rule but no Glue table."
  type        = map(string)
  default = {
    metrics      = "MetricWindow.avsc"
    anomalies    = "Anomaly.avsc"
    incidents    = "Incident.avsc"
    changes      = "ChangeEvent.avsc"
    dead_letters = "DeadLetter.avsc"
  }

  validation {
    condition     = alltrue([for t in keys(var.tables) : can(regex("^[a-z][a-z0-9_]*$", t))])
    error_message = "Table names must be lower-case letters, digits and underscores (they are Glue table names and S3 prefixes)."
  }
}

variable "schemas_dir" {
  description = "Folder holding the Avro schemas (.avsc) the Glue columns are derived from; null means schemas/src/main/avro of this repository."
  type        = string
  default     = null
}

variable "lifecycle_defaults" {
  description = <<-EOT
    Lifecycle of every table prefix unless overridden in lifecycle_overrides. Days are counted from object creation;
    0 disables that step. S3 requires standard_ia_days >= 30 and glacier_ir_days >= standard_ia_days + 30.
  EOT
  type = object({
    standard_ia_days        = optional(number, 30)
    glacier_ir_days         = optional(number, 90)
    expiration_days         = optional(number, 400)
    abort_multipart_days    = optional(number, 7)
    noncurrent_days         = optional(number, 30)
    noncurrent_max_versions = optional(number, null)
  })
  default = {}
}

variable "lifecycle_overrides" {
  description = "Per-table lifecycle settings over lifecycle_defaults, e.g. { dead_letters = { expiration_days = 30, standard_ia_days = 0, glacier_ir_days = 0 } }. Unset attributes keep the default; 0 disables a step."
  type = map(object({
    standard_ia_days        = optional(number)
    glacier_ir_days         = optional(number)
    expiration_days         = optional(number)
    abort_multipart_days    = optional(number)
    noncurrent_days         = optional(number)
    noncurrent_max_versions = optional(number)
  }))
  default = {}
}

variable "artifacts_prefix" {
  description = "Prefix of the data-lake bucket where the job jar is uploaded (read-only for the application)."
  type        = string
  default     = "artifacts/"
}

variable "athena_results_expiration_days" {
  description = "Days Athena query results are kept under athena-results/ in the bucket."
  type        = number
  default     = 7
}

variable "athena_bytes_scanned_cutoff" {
  description = "Largest number of bytes one Athena query in the workgroup may scan (cost guard); null for no limit."
  type        = number
  default     = 10737418240 # 10 GiB = about $0.05 per query
}

variable "glue_database_name" {
  description = "Glue database of the Parquet tables; null derives it from name, hyphens as underscores."
  type        = string
  default     = null
}

variable "partition_projection_start" {
  description = "First day (yyyy-MM-dd) the dt partition projection covers; Athena enumerates days from here to NOW."
  type        = string
  default     = "2025-01-01"

  validation {
    condition     = can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", var.partition_projection_start))
    error_message = "partition_projection_start must be yyyy-MM-dd."
  }
}

# ---------------------------------------------------------------------------
# Managed Service for Apache Flink application
# ---------------------------------------------------------------------------

variable "create_application" {
  description = "Create the Managed Service for Apache Flink application (a CloudFormation stack). false builds everything else, e.g. before the jar is uploaded, or against local AWS emulators."
  type        = bool
  default     = true
}

variable "jar_key" {
  description = "S3 key of the job jar in the data-lake bucket (scripts/deploy-jar.sh uploads it and sets this)."
  type        = string
  default     = "artifacts/logpulse-jobs.jar"
}

variable "runtime_environment" {
  description = "MSF runtime. FLINK-2_2 is why the application is a CloudFormation stack: the AWS provider does not know it yet."
  type        = string
  default     = "FLINK-2_2"
}

variable "parallelism" {
  description = "Initial parallelism of the application."
  type        = number
  default     = 1
}

variable "parallelism_per_kpu" {
  description = "Parallel tasks per KPU (1 KPU = 1 vCPU, 4 GB). Costs scale with parallelism / parallelism_per_kpu."
  type        = number
  default     = 1
}

variable "autoscaling_enabled" {
  description = "Let MSF scale parallelism with CPU use."
  type        = bool
  default     = true
}

variable "checkpoint_interval_ms" {
  description = "Checkpoint interval. Parquet files are committed once per checkpoint, so this is also the S3 freshness and file-size knob."
  type        = number
  default     = 60000
}

variable "min_pause_between_checkpoints_ms" {
  description = "Minimum pause between the end of one checkpoint and the start of the next."
  type        = number
  default     = 5000
}

variable "snapshots_enabled" {
  description = "Take a snapshot when the application is updated or stopped, and restore from it."
  type        = bool
  default     = true
}

variable "log_level" {
  description = "Application log level in its CloudWatch log group: INFO, WARN, ERROR or DEBUG."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["INFO", "WARN", "ERROR", "DEBUG"], var.log_level)
    error_message = "log_level must be INFO, WARN, ERROR or DEBUG."
  }
}

variable "metrics_level" {
  description = "MSF metrics level: APPLICATION (cheapest, what the alarms use), TASK, OPERATOR or PARALLELISM."
  type        = string
  default     = "APPLICATION"

  validation {
    condition     = contains(["APPLICATION", "TASK", "OPERATOR", "PARALLELISM"], var.metrics_level)
    error_message = "metrics_level must be APPLICATION, TASK, OPERATOR or PARALLELISM."
  }
}

variable "log_retention_days" {
  description = "Retention of the application's log group."
  type        = number
  default     = 30
}

variable "job_properties" {
  description = "Job configuration as flat keys (a.b.c = group a, key b.c), merged over the defaults this module derives (source stream, region, output path, namespace, bus)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.job_properties) : can(regex("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_.-]+$", k))])
    error_message = "job_properties keys must be flat keys with at least one dot, e.g. source.kinesis.region."
  }
}

variable "cloudwatch_namespace" {
  description = "Namespace of the job's custom service metrics; PutMetricData is allowed for this namespace only."
  type        = string
  default     = "logpulse"
}

# ---------------------------------------------------------------------------
# Alarms, dashboard, incidents
# ---------------------------------------------------------------------------

variable "alarm_email_endpoints" {
  description = "E-mail addresses subscribed to the notifications topic (alarms and example incident rule). Each must confirm the subscription."
  type        = list(string)
  default     = []
}

variable "alarm_actions" {
  description = "Extra ARNs (SNS topics, etc.) notified when an alarm fires, besides the module's notifications topic."
  type        = list(string)
  default     = []
}

variable "alarm_millis_behind_latest" {
  description = "Alarm when the job's millisBehindLatest stays above this many ms for alarm_evaluation_periods minutes."
  type        = number
  default     = 300000
}

variable "alarm_dead_letters" {
  description = "Alarm when more than this many records go to dead letters in 5 minutes."
  type        = number
  default     = 100
}

variable "alarm_evaluation_periods" {
  description = "Consecutive 1-minute periods an alarm condition must hold."
  type        = number
  default     = 5
}

variable "create_dashboard" {
  description = "Create the CloudWatch dashboard (3 free per account, then $3 per month)."
  type        = bool
  default     = true
}

variable "dashboard_service_metrics" {
  description = "Headline service metric names (in cloudwatch_namespace) graphed on the dashboard per Service dimension."
  type        = list(string)
  default     = ["RequestCount", "ErrorCount", "ErrorRate", "Latency"]
}

variable "incident_event_pattern" {
  description = "Event pattern of the example rule on the incidents bus that forwards to the notifications topic."
  type        = string
  default     = "{\"source\":[\"logpulse\"],\"detail-type\":[\"Incident\"]}"
}
