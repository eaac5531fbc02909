# Alarms and a dashboard on the services' own meters (Micrometer's names, published under the Tradewind namespace,
# tagged stage=<app>-<stage>) and on AWS's replication lag. Every metric name is one of local.metrics, and the build's
# cross-check proves each is a meter name of the code (StageMetrics, Quarantine, ReplicationMetrics).
locals {
  namespace = "Tradewind"

  metrics = {
    stage_lag                = "tradewind.stage.lag.millis"
    stage_breaker_open       = "tradewind.stage.breaker.open"
    stage_attempt_age        = "tradewind.stage.attempt.age.seconds"
    stage_records_in         = "tradewind.stage.records.in"
    stage_records_out        = "tradewind.stage.records.out"
    stage_records_rejected   = "tradewind.stage.records.rejected"
    quarantined              = "tradewind.quarantined"
    dynamodb_replication_lag = "ReplicationLatency"
    aurora_replication_lag   = "AuroraGlobalDBReplicationLag"
  }

  # The stages that publish meters: every matching app's stage, by its component name (the meters' stage tag).
  stage_services = [for service, footprint in local.footprints : service if footprint.publishes_metrics]

  other_regions = [for region in var.regions : region if region != var.region]

  # Each global table eventually replicated from this region to each other region.
  replications = {
    for pair in setproduct(var.eventually_replicated_tables, local.other_regions) : "${pair[0]}-to-${pair[1]}" => {
      table = pair[0]
      to    = pair[1]
    }
  }
}

# A consumer far behind its stream: the stage is slow, held by a dependency, or stopped in the active region.
resource "aws_cloudwatch_metric_alarm" "stage_lag" {
  for_each = toset(local.streams)

  alarm_name          = "tradewind-${each.key}-lag-${var.region}"
  alarm_description   = "${each.key} in ${var.region} is more than ${var.stage_lag_alarm_millis} ms behind its stream"
  namespace           = local.namespace
  metric_name         = local.metrics.stage_lag
  dimensions          = { stage = each.key }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.stage_lag_alarm_millis
  treat_missing_data  = "notBreaching" # the standby region's stages publish nothing
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

# A stage whose dependency's circuit breaker is open: it holds its batch and retries.
resource "aws_cloudwatch_metric_alarm" "breaker_open" {
  for_each = toset(local.stage_services)

  alarm_name          = "tradewind-${each.key}-breaker-open-${var.region}"
  alarm_description   = "${each.key} in ${var.region} is refused by an open circuit breaker"
  namespace           = local.namespace
  metric_name         = local.metrics.stage_breaker_open
  dimensions          = { stage = each.key }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

# Any input quarantined, by any stage for any reason: an operator looks at it (ops console, quarantine list).
resource "aws_cloudwatch_metric_alarm" "quarantined" {
  alarm_name          = "tradewind-quarantined-${var.region}"
  alarm_description   = "An input was quarantined in ${var.region}: see the ops console's quarantine list"
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  tags                = local.tags

  metric_query {
    id          = "quarantined"
    expression  = "SELECT SUM(\"${local.metrics.quarantined}\") FROM ${local.namespace}"
    period      = 60
    return_data = true
  }
}

# A global table's writes reaching another region late: a rotation's pre-flight would refuse to start.
resource "aws_cloudwatch_metric_alarm" "table_replication_lag" {
  for_each = local.replications

  alarm_name          = "tradewind-${each.value.table}-replication-to-${each.value.to}"
  alarm_description   = "${each.value.table} replicates from ${var.region} to ${each.value.to} more than ${var.replication_lag_alarm_millis} ms late"
  namespace           = "AWS/DynamoDB"
  metric_name         = local.metrics.dynamodb_replication_lag
  dimensions          = { TableName = each.value.table, ReceivingRegion = each.value.to }
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.replication_lag_alarm_millis
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

# The app's Aurora secondary in this region lagging its writer (no data while this region writes).
resource "aws_cloudwatch_metric_alarm" "database_replication_lag" {
  for_each = toset(local.apps)

  alarm_name          = "tradewind-${each.key}-database-replication-${var.region}"
  alarm_description   = "${each.key}'s Aurora cluster in ${var.region} is more than ${var.replication_lag_alarm_millis} ms behind its writer"
  namespace           = "AWS/RDS"
  metric_name         = local.metrics.aurora_replication_lag
  dimensions          = { DBClusterIdentifier = var.database_cluster_ids[each.key] }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.replication_lag_alarm_millis
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_dashboard" "tradewind" {
  dashboard_name = "tradewind-${var.region}"
  dashboard_body = jsonencode({
    widgets = concat(
      [
        for index, app in local.apps : {
          type   = "metric"
          x      = 12 * index
          y      = 0
          width  = 12
          height = 6
          properties = {
            title   = "${app}: milliseconds behind each stream"
            region  = var.region
            stat    = "Maximum"
            period  = 60
            metrics = [for stream in local.streams : [local.namespace, local.metrics.stage_lag, "stage", stream] if startswith(stream, "${app}-")]
          }
        }
      ],
      [
        for index, app in local.apps : {
          type   = "metric"
          x      = 12 * index
          y      = 6
          width  = 12
          height = 6
          properties = {
            title  = "${app}: records in and out per stage"
            region = var.region
            stat   = "Sum"
            period = 60
            metrics = concat(
              [for stage in local.stage_services : [local.namespace, local.metrics.stage_records_in, "stage", stage] if startswith(stage, "${app}-")],
              [for stage in local.stage_services : [local.namespace, local.metrics.stage_records_out, "stage", stage] if startswith(stage, "${app}-")],
              [for stage in local.stage_services : [local.namespace, local.metrics.stage_records_rejected, "stage", stage] if startswith(stage, "${app}-")],
            )
          }
        }
      ],
      [
        {
          type   = "metric"
          x      = 0
          y      = 12
          width  = 12
          height = 6
          properties = {
            title  = "Held stages: oldest attempt (s) and open breakers"
            region = var.region
            stat   = "Maximum"
            period = 60
            metrics = concat(
              [for stage in local.stage_services : [local.namespace, local.metrics.stage_attempt_age, "stage", stage]],
              [for stage in local.stage_services : [local.namespace, local.metrics.stage_breaker_open, "stage", stage]],
            )
          }
        },
        {
          type   = "metric"
          x      = 12
          y      = 12
          width  = 12
          height = 6
          properties = {
            title  = "Replication lag (ms): global tables and Aurora"
            region = var.region
            stat   = "Maximum"
            period = 60
            metrics = concat(
              [for replication in values(local.replications) : ["AWS/DynamoDB", local.metrics.dynamodb_replication_lag, "TableName", replication.table, "ReceivingRegion", replication.to]],
              [for app in local.apps : ["AWS/RDS", local.metrics.aurora_replication_lag, "DBClusterIdentifier", var.database_cluster_ids[app]]],
            )
          }
        },
        {
          type   = "metric"
          x      = 0
          y      = 18
          width  = 24
          height = 6
          properties = {
            title   = "Quarantined inputs"
            region  = var.region
            period  = 60
            metrics = [[{ expression = "SELECT SUM(\"${local.metrics.quarantined}\") FROM ${local.namespace}", id = "quarantined", label = "quarantined" }]]
          }
        },
      ],
    )
  })
}
