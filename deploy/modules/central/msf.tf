# ---------------------------------------------------------------------------
# Managed Service for Apache Flink application (CloudFormation: the AWS
# provider does not accept FLINK-2_2 yet), its role, its log group.
# ---------------------------------------------------------------------------

locals {
  # The job's configuration keys that this module fills in. Renaming a key in
  # the job means changing it here only.
  job_property_defaults = {
    "source.type"            = "kinesis"
    "source.kinesis.streams" = aws_kinesis_stream.this.arn
    "source.kinesis.region"  = local.region
    "output.path"            = "s3://${aws_s3_bucket.data.bucket}/"
    "cloudwatch.enabled"     = "true"
    "cloudwatch.region"      = local.region
    "cloudwatch.namespace"   = var.cloudwatch_namespace
    "eventbridge.enabled"    = "true"
    "eventbridge.bus"        = aws_cloudwatch_event_bus.incidents.name
    "eventbridge.region"     = local.region
  }
  job_properties = merge(local.job_property_defaults, var.job_properties)

  # a.b.c -> property group "a", key "b.c"
  property_group_ids = distinct([for k in keys(local.job_properties) : split(".", k)[0]])
  property_groups = [
    for g in sort(local.property_group_ids) : {
      PropertyGroupId = g
      PropertyMap = {
        for k, v in local.job_properties : join(".", slice(split(".", k), 1, length(split(".", k)))) => v
        if split(".", k)[0] == g
      }
    }
  ]

  # The template in cloudformation/ is linted as it is; the module adds the
  # property groups (their shape is not expressible as CloudFormation parameters).
  msf_template_skeleton = yamldecode(file("${path.module}/../../cloudformation/msf-application.yaml"))
  msf_template = merge(local.msf_template_skeleton, {
    Resources = merge(local.msf_template_skeleton.Resources, {
      Application = merge(local.msf_template_skeleton.Resources.Application, {
        Properties = merge(local.msf_template_skeleton.Resources.Application.Properties, {
          ApplicationConfiguration = merge(local.msf_template_skeleton.Resources.Application.Properties.ApplicationConfiguration, {
            EnvironmentProperties = { PropertyGroups = local.property_groups }
          })
        })
      })
    })
  })

  table_object_arns = [for t in keys(var.tables) : "${aws_s3_bucket.data.arn}/${t}/*"]
}

resource "aws_cloudwatch_log_group" "application" {
  name              = local.app_log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = local.tags
}

resource "aws_cloudwatch_log_stream" "application" {
  name           = local.app_log_stream
  log_group_name = aws_cloudwatch_log_group.application.name
}

resource "aws_iam_role" "application" {
  name        = "${var.name}-application"
  description = "Service execution role of the ${local.application_name} Flink application."
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "kinesisanalytics.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:kinesisanalytics:${local.region}:${local.account_id}:application/${local.application_name}" }
      }
    }]
  })
  tags = local.tags
}

locals {
  application_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ReadTheStream"
        Effect = "Allow"
        Action = [
          "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards",
          "kinesis:GetShardIterator", "kinesis:GetRecords",
          "kinesis:ListStreamConsumers", "kinesis:RegisterStreamConsumer",
        ]
        Resource = aws_kinesis_stream.this.arn
      },
      {
        Sid      = "EnhancedFanOutConsumersOfTheStream"
        Effect   = "Allow"
        Action   = ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard", "kinesis:DeregisterStreamConsumer"]
        Resource = "${aws_kinesis_stream.this.arn}/consumer/*"
      },
      {
        Sid      = "ReadTheJar"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion"]
        Resource = "${aws_s3_bucket.data.arn}/${var.artifacts_prefix}*"
      },
      {
        Sid      = "ListTheTablePrefixes"
        Effect   = "Allow"
        Action   = ["s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:GetBucketLocation"]
        Resource = aws_s3_bucket.data.arn
      },
      {
        Sid    = "WriteParquetTables"
        Effect = "Allow"
        # The S3 recoverable writer uses multipart uploads and may clean up after itself.
        Action   = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
        Resource = local.table_object_arns
      },
      {
        Sid      = "UseTheKeyThroughKinesisAndS3"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.this.arn
        Condition = {
          StringEquals = {
            "kms:ViaService" = ["kinesis.${local.region}.${local.dns_suffix}", "s3.${local.region}.${local.dns_suffix}"]
          }
        }
      },
      {
        Sid      = "PublishServiceMetricsToOneNamespace"
        Effect   = "Allow"
        Action   = "cloudwatch:PutMetricData"
        Resource = "*" # PutMetricData has no resource type; the namespace condition scopes it
        Condition = {
          StringEquals = { "cloudwatch:namespace" = var.cloudwatch_namespace }
        }
      },
      {
        Sid      = "PublishIncidents"
        Effect   = "Allow"
        Action   = "events:PutEvents"
        Resource = aws_cloudwatch_event_bus.incidents.arn
      },
      {
        Sid      = "WriteItsLogs"
        Effect   = "Allow"
        Action   = ["logs:DescribeLogStreams", "logs:PutLogEvents"]
        Resource = ["${aws_cloudwatch_log_group.application.arn}:*", "${aws_cloudwatch_log_group.application.arn}:log-stream:${local.app_log_stream}"]
      },
      {
        Sid      = "FindItsLogGroup"
        Effect   = "Allow"
        Action   = "logs:DescribeLogGroups"
        Resource = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*" # DescribeLogGroups is not scoped to one group
      },
    ]
  }
}

resource "aws_iam_role_policy" "application" {
  name   = "logpulse-job"
  role   = aws_iam_role.application.id
  policy = jsonencode(local.application_policy)
}

resource "aws_cloudformation_stack" "application" {
  count = var.create_application ? 1 : 0

  name          = "${var.name}-application"
  template_body = jsonencode(local.msf_template)
  parameters = {
    ApplicationName            = local.application_name
    RuntimeEnvironment         = var.runtime_environment
    ServiceExecutionRoleArn    = aws_iam_role.application.arn
    CodeBucketArn              = aws_s3_bucket.data.arn
    CodeKey                    = var.jar_key
    LogStreamArn               = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${aws_cloudwatch_log_group.application.name}:log-stream:${aws_cloudwatch_log_stream.application.name}"
    Parallelism                = tostring(var.parallelism)
    ParallelismPerKPU          = tostring(var.parallelism_per_kpu)
    AutoScalingEnabled         = tostring(var.autoscaling_enabled)
    CheckpointInterval         = tostring(var.checkpoint_interval_ms)
    MinPauseBetweenCheckpoints = tostring(var.min_pause_between_checkpoints_ms)
    SnapshotsEnabled           = tostring(var.snapshots_enabled)
    LogLevel                   = var.log_level
    MetricsLevel               = var.metrics_level
  }

  tags = local.tags

  # The role's policy must exist before MSF validates the application.
  depends_on = [aws_iam_role_policy.application]
}
