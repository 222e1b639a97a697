# Offline tests of modules/central with a mocked AWS provider: no account, no
# network. They assert the security and lifecycle properties the module
# promises. Run: terraform test (from modules/central).

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:user/test"
    }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
  # Realistic ARNs so the policies that embed them can be checked.
  mock_resource "aws_kinesis_stream" {
    defaults = { arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/logpulse" }
  }
  mock_resource "aws_kms_key" {
    defaults = {
      arn    = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
      key_id = "00000000-0000-0000-0000-000000000000"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::logpulse-data-123456789012-eu-west-1" }
  }
  mock_resource "aws_cloudwatch_log_destination" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:destination:logpulse" }
  }
  mock_resource "aws_cloudwatch_event_bus" {
    defaults = { arn = "arn:aws:events:eu-west-1:123456789012:event-bus/logpulse-incidents" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/kinesis-analytics/logpulse" }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:eu-west-1:123456789012:logpulse-notifications" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/logpulse-application" }
  }
}

variables {
  allowed_account_ids = ["111111111111", "222222222222"]
}

run "kinesis_stream_is_kms_encrypted_and_on_demand_by_default" {
  assert {
    condition     = aws_kinesis_stream.this.encryption_type == "KMS" && aws_kinesis_stream.this.kms_key_id == aws_kms_key.this.arn
    error_message = "The stream must be encrypted with the module's KMS key."
  }
  assert {
    condition     = aws_kinesis_stream.this.stream_mode_details[0].stream_mode == "ON_DEMAND" && aws_kinesis_stream.this.shard_count == null
    error_message = "The stream must be on-demand by default, without a shard count."
  }
  assert {
    condition     = aws_kms_key.this.enable_key_rotation
    error_message = "The KMS key must rotate."
  }
}

run "kinesis_stream_provisioned_option" {
  variables {
    stream_mode = "PROVISIONED"
    shard_count = 4
  }
  assert {
    condition     = aws_kinesis_stream.this.stream_mode_details[0].stream_mode == "PROVISIONED" && aws_kinesis_stream.this.shard_count == 4
    error_message = "PROVISIONED must set the shard count."
  }
}

run "bucket_blocks_public_access_encrypts_and_is_tls_only" {
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.data.block_public_acls,
      aws_s3_bucket_public_access_block.data.block_public_policy,
      aws_s3_bucket_public_access_block.data.ignore_public_acls,
      aws_s3_bucket_public_access_block.data.restrict_public_buckets,
    ])
    error_message = "All four public access block settings must be on."
  }
  assert {
    condition = (
      one(one(aws_s3_bucket_server_side_encryption_configuration.data.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms" &&
      one(one(aws_s3_bucket_server_side_encryption_configuration.data.rule).apply_server_side_encryption_by_default).kms_master_key_id == aws_kms_key.this.arn &&
      one(aws_s3_bucket_server_side_encryption_configuration.data.rule).bucket_key_enabled
    )
    error_message = "Default encryption must be SSE-KMS with the module's key and an S3 bucket key."
  }
  assert {
    condition = anytrue([
      for s in jsondecode(aws_s3_bucket_policy.data.policy).Statement :
      try(
        s.Effect == "Deny" && s.Principal == "*" && s.Action == "s3:*" &&
        s.Condition.Bool["aws:SecureTransport"] == "false" &&
        toset(s.Resource) == toset([aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]),
        false
      )
    ])
    error_message = "The bucket policy must deny every request without TLS, on the bucket and its objects."
  }
  assert {
    condition     = one(aws_s3_bucket_ownership_controls.data.rule).object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled."
  }
  assert {
    condition     = one(aws_s3_bucket_versioning.data.versioning_configuration).status == "Enabled"
    error_message = "Versioning is on by default."
  }
}

run "versioning_can_be_turned_off" {
  variables {
    bucket_versioning = false
  }
  assert {
    condition     = one(aws_s3_bucket_versioning.data.versioning_configuration).status == "Suspended"
    error_message = "bucket_versioning = false must suspend versioning."
  }
}

run "lifecycle_rule_per_table_with_defaults_and_overrides" {
  variables {
    lifecycle_overrides = {
      dead_letters = { expiration_days = 30, standard_ia_days = 0, glacier_ir_days = 0 }
      metrics      = { expiration_days = 730 }
    }
  }

  assert {
    condition = toset([for r in aws_s3_bucket_lifecycle_configuration.data.rule : r.id]) == toset([
      "table-metrics", "table-anomalies", "table-incidents", "table-changes", "table-dead_letters", "artifacts", "athena-results",
    ])
    error_message = "There must be one lifecycle rule per table prefix, plus artifacts and athena-results."
  }
  assert {
    condition = alltrue([
      for r in aws_s3_bucket_lifecycle_configuration.data.rule :
      r.status == "Enabled" && one(r.filter).prefix == "${trimprefix(r.id, "table-")}/"
      if startswith(r.id, "table-")
    ])
    error_message = "Each table rule must be enabled and filter on its table prefix."
  }
  # Defaults, seen on a table without overrides.
  assert {
    condition = alltrue([
      for r in aws_s3_bucket_lifecycle_configuration.data.rule : (
        toset([for t in r.transition : "${t.storage_class}@${t.days}"]) == toset(["STANDARD_IA@30", "GLACIER_IR@90"]) &&
        one(r.expiration).days == 400 &&
        one(r.abort_incomplete_multipart_upload).days_after_initiation == 7 &&
        one(r.noncurrent_version_expiration).noncurrent_days == 30
      ) if r.id == "table-anomalies"
    ])
    error_message = "Default table rule: Standard-IA at 30 days, Glacier IR at 90, expire at 400, abort multipart after 7, noncurrent versions after 30."
  }
  # One attribute overridden, the rest kept.
  assert {
    condition = alltrue([
      for r in aws_s3_bucket_lifecycle_configuration.data.rule : (
        one(r.expiration).days == 730 && length(r.transition) == 2 && one(r.abort_incomplete_multipart_upload).days_after_initiation == 7
      ) if r.id == "table-metrics"
    ])
    error_message = "An override of expiration_days must keep the other defaults."
  }
  # 0 disables a step.
  assert {
    condition = alltrue([
      for r in aws_s3_bucket_lifecycle_configuration.data.rule : (
        length(r.transition) == 0 && one(r.expiration).days == 30
      ) if r.id == "table-dead_letters"
    ])
    error_message = "dead_letters: transitions disabled by 0, expiration 30 days."
  }
  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.data.transition_default_minimum_object_size == "all_storage_classes_128K"
    error_message = "The 128 KB minimum transition size must be explicit."
  }
}

run "lifecycle_rejects_transitions_s3_would_refuse" {
  command = plan
  variables {
    lifecycle_overrides = { metrics = { standard_ia_days = 10 } }
  }
  expect_failures = [aws_s3_bucket_lifecycle_configuration.data]
}

run "destination_policy_is_limited_to_listed_accounts" {
  assert {
    condition = (
      length(jsondecode(aws_cloudwatch_log_destination_policy.this.access_policy).Statement) == 1 &&
      toset(jsondecode(aws_cloudwatch_log_destination_policy.this.access_policy).Statement[0].Principal.AWS) == toset(["111111111111", "222222222222"]) &&
      jsondecode(aws_cloudwatch_log_destination_policy.this.access_policy).Statement[0].Resource == aws_cloudwatch_log_destination.this.arn &&
      toset(jsondecode(aws_cloudwatch_log_destination_policy.this.access_policy).Statement[0].Action) == toset(["logs:PutSubscriptionFilter", "logs:PutAccountPolicy"])
    )
    error_message = "Only the listed accounts may subscribe, only to this destination."
  }
  assert {
    condition     = aws_cloudwatch_log_destination.this.target_arn == aws_kinesis_stream.this.arn && aws_cloudwatch_log_destination.this.role_arn == aws_iam_role.logs_to_kinesis.arn
    error_message = "The destination must point at the stream through the logs role."
  }
  # The role CloudWatch Logs assumes: only for the source accounts, only PutRecord(s) on the stream.
  assert {
    condition = (
      jsondecode(aws_iam_role.logs_to_kinesis.assume_role_policy).Statement[0].Principal.Service == "logs.amazonaws.com" &&
      toset(jsondecode(aws_iam_role.logs_to_kinesis.assume_role_policy).Statement[0].Condition.StringLike["aws:SourceArn"]) == toset([
        "arn:aws:logs:eu-west-1:123456789012:*", "arn:aws:logs:eu-west-1:111111111111:*", "arn:aws:logs:eu-west-1:222222222222:*",
      ])
    )
    error_message = "The logs role must trust CloudWatch Logs of the listed accounts (and the central one) only."
  }
  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.logs_to_kinesis.policy).Statement :
      s.Resource == aws_kinesis_stream.this.arn || s.Resource == aws_kms_key.this.arn
    ])
    error_message = "The logs role may touch only the stream and its key."
  }
}

run "destination_policy_for_an_organization" {
  variables {
    allowed_account_ids = []
    organization_id     = "o-abcdef1234"
  }
  assert {
    condition = (
      jsondecode(aws_cloudwatch_log_destination_policy.this.access_policy).Statement[0].Principal.AWS == "*" &&
      jsondecode(aws_cloudwatch_log_destination_policy.this.access_policy).Statement[0].Condition.StringEquals["aws:PrincipalOrgID"] == "o-abcdef1234"
    )
    error_message = "With an organization, the principal * must be bound by aws:PrincipalOrgID."
  }
  assert {
    condition     = jsondecode(aws_iam_role.logs_to_kinesis.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceOrgID"] == "o-abcdef1234"
    error_message = "With an organization, the logs role trust must be bound to it."
  }
}

run "destination_requires_accounts_or_organization" {
  command = plan
  variables {
    allowed_account_ids = []
  }
  expect_failures = [aws_cloudwatch_log_destination_policy.this]
}

run "glue_columns_match_the_avro_schemas" {
  # Every existing schema file in the map has a table; the others are skipped.
  assert {
    condition     = toset(keys(aws_glue_catalog_table.this)) == toset([for t, f in var.tables : t if fileexists("${path.module}/../../../schemas/src/main/avro/${f}")])
    error_message = "There must be exactly one Glue table per table whose schema exists."
  }
  assert {
    condition     = alltrue([for t in ["metrics", "anomalies", "incidents", "changes", "dead_letters"] : contains(keys(aws_glue_catalog_table.this), t)])
    error_message = "Every table of the job has a schema and must have a Glue table."
  }
  # Column names in schema order, for every table.
  assert {
    condition = alltrue([
      for t, tbl in aws_glue_catalog_table.this :
      [for c in one(tbl.storage_descriptor).columns : c.name] == [for f in jsondecode(file("${path.module}/../../../schemas/src/main/avro/${var.tables[t]}")).fields : f.name]
    ])
    error_message = "Glue column names must be the Avro field names, in order."
  }
  # Types, checked against hand-written expectations for MetricWindow.
  assert {
    condition = { for c in one(aws_glue_catalog_table.this["metrics"].storage_descriptor).columns : c.name => c.type } == {
      account         = "string"
      service         = "string"
      operation       = "string"
      window_start    = "timestamp"
      window_end      = "timestamp"
      revision        = "int"
      request_count   = "bigint"
      error_count     = "bigint"
      error_rate      = "double"
      log_count       = "bigint"
      error_log_count = "bigint"
      level_counts    = "map<string,bigint>"
      cold_starts     = "bigint"
      latency_count   = "bigint"
      latency_p50_ms  = "double"
      latency_p90_ms  = "double"
      latency_p99_ms  = "double"
      latency_max_ms  = "double"
      latency_sum_ms  = "double"
      latency_sketch  = "binary"
    }
    error_message = "metrics columns must map Avro types: long->bigint, timestamp-millis->timestamp, map->map<string,...>, bytes->binary, nullable unions->the non-null type."
  }
  assert {
    condition     = { for c in one(aws_glue_catalog_table.this["dead_letters"].storage_descriptor).columns : c.name => c.type }["event_time"] == "timestamp"
    error_message = "A nullable timestamp-millis must map to timestamp."
  }
  # Incidents: suspects are an array of records with nullable, logical and array fields.
  assert {
    condition = { for c in one(aws_glue_catalog_table.this["incidents"].storage_descriptor).columns : c.name => c.type } == {
      incident_id = "string"
      revision    = "int"
      state       = "string"
      account     = "string"
      service     = "string"
      start       = "timestamp"
      time        = "timestamp"
      metric      = "string"
      score       = "double"
      expected    = "double"
      observed    = "double"
      anomaly_ids = "array<string>"
      summary     = "string"
      suspects    = "array<struct<change_id:string,account:string,region:string,time:timestamp,event_source:string,event_name:string,change_kind:string,failed:boolean,principal:string,agent:string,resources:array<string>,score:double,minutes_before:double,explanation:string>>"
      severity    = "string"
    }
    error_message = "incidents columns: suspects must be array<struct<...>> with every Suspect field typed."
  }
  assert {
    condition = { for c in one(aws_glue_catalog_table.this["changes"].storage_descriptor).columns : c.name => c.type } == {
      change_id      = "string"
      account        = "string"
      region         = "string"
      time           = "timestamp"
      received       = "timestamp"
      event_source   = "string"
      event_name     = "string"
      change_kind    = "string"
      failed         = "boolean"
      error_code     = "string"
      principal      = "string"
      principal_kind = "string"
      source_ip      = "string"
      user_agent     = "string"
      agent          = "string"
      resources      = "array<string>"
    }
    error_message = "changes columns must map ChangeEvent's fields."
  }
  assert {
    condition = alltrue([
      for t, tbl in aws_glue_catalog_table.this : (
        tbl.table_type == "EXTERNAL_TABLE" &&
        one(one(tbl.storage_descriptor).ser_de_info).serialization_library == "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe" &&
        one(tbl.storage_descriptor).input_format == "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat" &&
        one(tbl.storage_descriptor).location == "s3://${aws_s3_bucket.data.bucket}/${t}/" &&
        [for p in tbl.partition_keys : "${p.name}:${p.type}"] == ["dt:string", "hr:string"] &&
        tbl.parameters["projection.enabled"] == "true" &&
        tbl.parameters["projection.dt.type"] == "date" &&
        tbl.parameters["projection.dt.format"] == "yyyy-MM-dd" &&
        tbl.parameters["projection.hr.type"] == "integer" &&
        tbl.parameters["projection.hr.range"] == "0,23" &&
        tbl.parameters["projection.hr.digits"] == "2" &&
        tbl.parameters["storage.location.template"] == "s3://${aws_s3_bucket.data.bucket}/${t}/dt=$${dt}/hr=$${hr}/"
      )
    ])
    error_message = "Tables must be external Parquet tables partitioned by dt/hr with partition projection over the table prefix."
  }
}

run "glue_mapping_covers_arrays_and_skips_missing_schemas" {
  variables {
    tables = {
      events = "ServiceEvent.avsc"
      future = "DoesNotExistYet.avsc"
    }
  }
  assert {
    condition     = keys(aws_glue_catalog_table.this) == ["events"]
    error_message = "A table whose schema does not exist yet must be skipped, not fail."
  }
  assert {
    condition = (
      { for c in one(aws_glue_catalog_table.this["events"].storage_descriptor).columns : c.name => c.type }["resources"] == "array<string>" &&
      { for c in one(aws_glue_catalog_table.this["events"].storage_descriptor).columns : c.name => c.type }["read_only"] == "boolean" &&
      { for c in one(aws_glue_catalog_table.this["events"].storage_descriptor).columns : c.name => c.type }["status"] == "int"
    )
    error_message = "array<string>, nullable boolean and nullable int must map."
  }
  assert {
    condition     = length(output.tables_without_schema) == 1 && output.tables_without_schema[0] == "future"
    error_message = "Skipped tables must be reported."
  }
}

run "application_role_is_scoped_to_what_the_job_touches" {
  # No wildcard resources except PutMetricData (namespace condition) and DescribeLogGroups.
  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.application.policy).Statement :
      s.Resource != "*" || try(s.Action == "cloudwatch:PutMetricData" && s.Condition.StringEquals["cloudwatch:namespace"] == "logpulse", false)
    ])
    error_message = "Only PutMetricData may use Resource *, and only with the namespace condition."
  }
  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_iam_role_policy.application.policy).Statement : [
        for a in flatten([s.Action]) : !endswith(a, ":*")
      ]
    ]))
    error_message = "No service-wide action wildcards."
  }
  assert {
    condition = toset(flatten([
      for s in jsondecode(aws_iam_role_policy.application.policy).Statement : flatten([s.Resource]) if contains(flatten([s.Action]), "s3:PutObject")
      ])) == toset([
      "arn:aws:s3:::logpulse-data-123456789012-eu-west-1/metrics/*",
      "arn:aws:s3:::logpulse-data-123456789012-eu-west-1/anomalies/*",
      "arn:aws:s3:::logpulse-data-123456789012-eu-west-1/incidents/*",
      "arn:aws:s3:::logpulse-data-123456789012-eu-west-1/changes/*",
      "arn:aws:s3:::logpulse-data-123456789012-eu-west-1/dead_letters/*",
    ])
    error_message = "The job may write only the table prefixes."
  }
  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.application.policy).Statement :
      s.Resource == aws_kinesis_stream.this.arn if anytrue([for a in flatten([s.Action]) : a == "kinesis:GetRecords"])
    ])
    error_message = "The job reads only its stream."
  }
  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.application.policy).Statement :
      s.Resource == aws_cloudwatch_event_bus.incidents.arn if contains(flatten([s.Action]), "events:PutEvents")
    ])
    error_message = "The job publishes only to the incidents bus."
  }
  assert {
    condition     = jsondecode(aws_iam_role.application.assume_role_policy).Statement[0].Principal.Service == "kinesisanalytics.amazonaws.com"
    error_message = "Only MSF may assume the application role."
  }
}

run "application_stack_gets_property_groups_from_flat_keys" {
  variables {
    job_properties = {
      "window.size"                   = "1m"
      "cloudwatch.namespace"          = "logpulse"
      "source.kinesis.start-position" = "trim-horizon"
    }
  }
  assert {
    condition     = jsondecode(aws_cloudformation_stack.application[0].template_body).Resources.Application.Properties.RuntimeEnvironment == { Ref = "RuntimeEnvironment" } && aws_cloudformation_stack.application[0].parameters.RuntimeEnvironment == "FLINK-2_2"
    error_message = "The application must run FLINK-2_2."
  }
  assert {
    condition = {
      for g in jsondecode(aws_cloudformation_stack.application[0].template_body).Resources.Application.Properties.ApplicationConfiguration.EnvironmentProperties.PropertyGroups :
      g.PropertyGroupId => g.PropertyMap
      } == {
      source = {
        "type"                   = "kinesis"
        "kinesis.streams"        = aws_kinesis_stream.this.arn
        "kinesis.region"         = "eu-west-1"
        "kinesis.start-position" = "trim-horizon"
      }
      output      = { "path" = "s3://${aws_s3_bucket.data.bucket}/" }
      cloudwatch  = { "enabled" = "true", "region" = "eu-west-1", "namespace" = "logpulse" }
      eventbridge = { "enabled" = "true", "bus" = aws_cloudwatch_event_bus.incidents.name, "region" = "eu-west-1" }
      window      = { "size" = "1m" }
    }
    error_message = "Flat keys a.b.c must become property group a, key b.c, user keys merged over the derived defaults."
  }
  assert {
    condition     = aws_cloudformation_stack.application[0].parameters.LogStreamArn == "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/kinesis-analytics/logpulse:log-stream:kinesis-analytics-log-stream"
    error_message = "The application must log to its own log group."
  }
  assert {
    condition     = aws_cloudwatch_log_group.application.kms_key_id == aws_kms_key.this.arn && aws_cloudwatch_log_group.application.retention_in_days == 30
    error_message = "The application log group must be encrypted and expire."
  }
}

run "no_application_when_disabled" {
  variables {
    create_application = false
  }
  assert {
    condition     = length(aws_cloudformation_stack.application) == 0 && output.application_stack_name == null
    error_message = "create_application = false must not create the stack."
  }
}

run "alarms_watch_the_job_and_notify" {
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.downtime.metric_name == "downtime" &&
      aws_cloudwatch_metric_alarm.downtime.namespace == "AWS/KinesisAnalytics" &&
      aws_cloudwatch_metric_alarm.downtime.dimensions.Application == "logpulse" &&
      aws_cloudwatch_metric_alarm.millis_behind_latest.metric_name == "millisBehindLatest" &&
      aws_cloudwatch_metric_alarm.millis_behind_latest.threshold == 300000
    )
    error_message = "downtime and millisBehindLatest alarms must watch the application."
  }
  assert {
    condition     = contains([for q in aws_cloudwatch_metric_alarm.failed_checkpoints.metric_query : try(one(q.metric).metric_name, "")], "numberOfFailedCheckpoints")
    error_message = "The failed-checkpoints alarm must read numberOfFailedCheckpoints."
  }
  assert {
    condition     = contains([for q in aws_cloudwatch_metric_alarm.dead_letters.metric_query : try(one(q.metric).metric_name, "")], "deadLetters")
    error_message = "The dead-letters alarm must read deadLetters."
  }
  assert {
    condition = alltrue([
      for a in [aws_cloudwatch_metric_alarm.downtime, aws_cloudwatch_metric_alarm.failed_checkpoints, aws_cloudwatch_metric_alarm.millis_behind_latest, aws_cloudwatch_metric_alarm.dead_letters] :
      contains(a.alarm_actions, aws_sns_topic.notifications.arn)
    ])
    error_message = "Every alarm must notify the topic."
  }
  assert {
    condition     = aws_sns_topic.notifications.kms_master_key_id == aws_kms_key.this.arn
    error_message = "The topic must be encrypted."
  }
  assert {
    condition     = aws_cloudwatch_event_target.incidents_to_sns.arn == aws_sns_topic.notifications.arn && aws_cloudwatch_event_rule.incidents_to_sns.event_bus_name == aws_cloudwatch_event_bus.incidents.name
    error_message = "The example incident rule must forward from the incidents bus to the topic."
  }
  assert {
    condition     = length(jsondecode(aws_cloudwatch_dashboard.this[0].dashboard_body).widgets) >= 8
    error_message = "The dashboard must hold the job-health and service widgets."
  }
}

run "glue_mapping_of_every_supported_avro_type" {
  variables {
    schemas_dir = "tests/fixtures"
    tables      = { all_types = "AllTypes.avsc" }
  }
  assert {
    condition = { for c in one(aws_glue_catalog_table.this["all_types"].storage_descriptor).columns : c.name => c.type } == {
      s              = "string"
      l              = "bigint"
      i              = "int"
      d              = "double"
      f              = "float"
      b              = "boolean"
      raw            = "binary"
      ts             = "timestamp"
      day            = "date"
      kind           = "string"
      opt_ts         = "timestamp"
      opt_long_first = "bigint"
      counts         = "map<string,bigint>"
      opt_tags       = "array<string>"
      times          = "array<timestamp>"
      inner          = "struct<x:int,opt:string,at:timestamp>"
      items          = "array<struct<name:string,tags:array<string>,opt_ts:timestamp,counts:map<string,bigint>,opt_days:array<date>>>"
      opt_by_key     = "map<string,struct<kind:string,score:double>>"
    }
    error_message = "Every supported Avro type must map to its Athena type, records to structs, arrays and maps of records to array<struct<...>> and map<string,struct<...>>."
  }
}

run "glue_mapping_refuses_unsupported_types_by_name" {
  command = plan
  variables {
    schemas_dir = "tests/fixtures"
    tables      = { nested = "Nested.avsc" }
  }
  expect_failures = [aws_glue_catalog_table.this]
}
