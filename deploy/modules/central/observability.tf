# ---------------------------------------------------------------------------
# Notifications topic, incidents bus with an example rule, alarms, dashboard.
# ---------------------------------------------------------------------------

resource "aws_sns_topic" "notifications" {
  name              = "${var.name}-notifications"
  kms_master_key_id = aws_kms_key.this.arn
  tags              = local.tags
}

resource "aws_sns_topic_policy" "notifications" {
  arn = aws_sns_topic.notifications.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AlarmsOfThisAccount"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.notifications.arn
        Condition = {
          ArnLike = { "aws:SourceArn" = "arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:${var.name}-*" }
        }
      },
      {
        Sid       = "IncidentRule"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.notifications.arn
        Condition = {
          ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.incidents_to_sns.arn }
        }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.notifications.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

resource "aws_sns_topic_subscription" "email" {
  for_each  = toset(var.alarm_email_endpoints)
  topic_arn = aws_sns_topic.notifications.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_event_bus" "incidents" {
  name = "${var.name}-incidents"
  tags = local.tags
}

resource "aws_cloudwatch_event_rule" "incidents_to_sns" {
  name           = "${var.name}-incidents-to-sns"
  description    = "Example: every logpulse incident to the notifications topic. Copy it to route incidents elsewhere."
  event_bus_name = aws_cloudwatch_event_bus.incidents.name
  event_pattern  = var.incident_event_pattern
  tags           = local.tags
}

resource "aws_cloudwatch_event_target" "incidents_to_sns" {
  rule           = aws_cloudwatch_event_rule.incidents_to_sns.name
  event_bus_name = aws_cloudwatch_event_bus.incidents.name
  target_id      = "notifications"
  arn            = aws_sns_topic.notifications.arn
  # The whole incident event (JSON) is the message; add an input_transformer
  # to shape it for chat or paging tools.
}

# ---------------------------------------------------------------------------
# Alarms on the job's health
# ---------------------------------------------------------------------------

locals {
  alarm_actions  = concat([aws_sns_topic.notifications.arn], var.alarm_actions)
  app_dimensions = { Application = local.application_name }
  msf_namespace  = "AWS/KinesisAnalytics" # MSF metrics and the job's kinesisanalytics metric group
}

resource "aws_cloudwatch_metric_alarm" "downtime" {
  alarm_name          = "${var.name}-downtime"
  alarm_description   = "The Flink job is restarting or down (downtime > 0 ms). Check the application's log group for the exception."
  namespace           = local.msf_namespace
  metric_name         = "downtime"
  dimensions          = local.app_dimensions
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = var.alarm_evaluation_periods
  datapoints_to_alarm = var.alarm_evaluation_periods
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "failed_checkpoints" {
  alarm_name          = "${var.name}-failed-checkpoints"
  alarm_description   = "Checkpoints are failing: Parquet output stalls (files commit on checkpoints) and a restart replays more."
  evaluation_periods  = var.alarm_evaluation_periods
  datapoints_to_alarm = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags

  # numberOfFailedCheckpoints is a running count since the job started; alarm on its increase.
  metric_query {
    id          = "increase"
    expression  = "DIFF(failed)"
    label       = "failed checkpoints per minute"
    return_data = true
  }
  metric_query {
    id = "failed"
    metric {
      namespace   = local.msf_namespace
      metric_name = "numberOfFailedCheckpoints"
      dimensions  = local.app_dimensions
      stat        = "Maximum"
      period      = 60
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "millis_behind_latest" {
  alarm_name          = "${var.name}-millis-behind-latest"
  alarm_description   = "The job is falling behind the Kinesis stream (millisBehindLatest). Records older than the stream retention are lost: scale up or investigate backpressure."
  namespace           = local.msf_namespace
  metric_name         = "millisBehindLatest"
  dimensions          = local.app_dimensions
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = var.alarm_evaluation_periods
  datapoints_to_alarm = var.alarm_evaluation_periods
  threshold           = var.alarm_millis_behind_latest
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  alarm_name          = "${var.name}-dead-letters"
  alarm_description   = "Many records go to dead letters (bad input or a parser regression). Query the dead_letters table in Athena for the reasons."
  evaluation_periods  = 1
  threshold           = var.alarm_dead_letters
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags

  # deadLetters is a Flink counter (a running total per job run); alarm on its increase per 5 minutes (a restart resets it: negative steps count as 0).
  metric_query {
    id          = "increase"
    expression  = "IF(DIFF(dl) > 0, DIFF(dl), 0)"
    label       = "dead letters per 5 minutes"
    return_data = true
  }
  metric_query {
    id = "dl"
    metric {
      namespace   = local.msf_namespace
      metric_name = "deadLetters"
      dimensions  = local.app_dimensions
      stat        = "Maximum"
      period      = 300
    }
  }
}

# ---------------------------------------------------------------------------
# Dashboard: job health and the headline service metrics
# ---------------------------------------------------------------------------

locals {
  app = local.application_name
  dashboard_widgets = concat(
    [
      { type = "text", x = 0, y = 0, width = 24, height = 1, properties = { markdown = "## ${var.name}: job health (application ${local.app}, stream ${aws_kinesis_stream.this.name})" } },
      {
        type = "metric", x = 0, y = 1, width = 8, height = 6,
        properties = {
          title   = "Uptime / downtime (ms)", region = local.region, view = "timeSeries", stat = "Maximum", period = 60,
          metrics = [[local.msf_namespace, "uptime", "Application", local.app], [local.msf_namespace, "downtime", "Application", local.app]]
        }
      },
      {
        type = "metric", x = 8, y = 1, width = 8, height = 6,
        properties = {
          title   = "Checkpoints", region = local.region, view = "timeSeries", stat = "Maximum", period = 60,
          metrics = [[local.msf_namespace, "lastCheckpointDuration", "Application", local.app], [local.msf_namespace, "numberOfFailedCheckpoints", "Application", local.app, { yAxis = "right" }]]
        }
      },
      {
        type = "metric", x = 16, y = 1, width = 8, height = 6,
        properties = {
          title   = "Lag: millisBehindLatest and iterator age", region = local.region, view = "timeSeries", stat = "Maximum", period = 60,
          metrics = [[local.msf_namespace, "millisBehindLatest", "Application", local.app], ["AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", "StreamName", aws_kinesis_stream.this.name]]
        }
      },
      {
        type = "metric", x = 0, y = 7, width = 8, height = 6,
        properties = {
          title   = "Dead letters, late and too-late events", region = local.region, view = "timeSeries", stat = "Maximum", period = 60,
          metrics = [[local.msf_namespace, "deadLetters", "Application", local.app], [local.msf_namespace, "lateEvents", "Application", local.app], [local.msf_namespace, "tooLateEvents", "Application", local.app]]
        }
      },
      {
        type = "metric", x = 8, y = 7, width = 8, height = 6,
        properties = {
          title   = "Stream input (bytes, records)", region = local.region, view = "timeSeries", stat = "Sum", period = 60,
          metrics = [["AWS/Kinesis", "IncomingBytes", "StreamName", aws_kinesis_stream.this.name], ["AWS/Kinesis", "IncomingRecords", "StreamName", aws_kinesis_stream.this.name, { yAxis = "right" }]]
        }
      },
      {
        type = "metric", x = 16, y = 7, width = 8, height = 6,
        properties = {
          title   = "KPUs (cost)", region = local.region, view = "timeSeries", stat = "Maximum", period = 300,
          metrics = [[local.msf_namespace, "KPUs", "Application", local.app]]
        }
      },
      { type = "text", x = 0, y = 13, width = 24, height = 1, properties = { markdown = "## Services (namespace ${var.cloudwatch_namespace})" } },
    ],
    [
      for i, m in var.dashboard_service_metrics : {
        type = "metric", x = (i % 3) * 8, y = 14 + floor(i / 3) * 6, width = 8, height = 6,
        properties = {
          title   = m, region = local.region, view = "timeSeries", period = 300,
          metrics = [[{ expression = "SEARCH('{${var.cloudwatch_namespace},Service} MetricName=\"${m}\"', 'Average', 300)", id = "e${i}", label = "" }]]
        }
      }
    ]
  )
}

resource "aws_cloudwatch_dashboard" "this" {
  count          = var.create_dashboard ? 1 : 0
  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = local.dashboard_widgets })
}
