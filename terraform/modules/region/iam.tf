# Least privilege per service: each task role grants exactly what footprints.tf says the service touches, with the
# actions the code calls on it, and nothing by wildcard where the resource's ARN is known. Each execution role reads
# only the secrets its task's environment is filled from.
locals {
  actions = {
    # KCL in polling mode: the shards, an iterator per shard, the records.
    stream_read = ["kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"]
    # KinesisPublisher: the shard map its aggregates are put by, and PutRecords.
    stream_write = ["kinesis:ListShards", "kinesis:PutRecords"]
    table_read   = ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"]
    table_write  = ["dynamodb:PutItem", "dynamodb:UpdateItem"]
    # Tables the code makes when they are missing (KCL's, the runbook's audit): CreateTable answers "exists" only to
    # a caller allowed to call it.
    ensured_table        = ["dynamodb:CreateTable", "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem"]
    routing_control_read = ["route53-recovery-cluster:GetRoutingControlState"]
    secret_read          = ["secretsmanager:GetSecretValue"]
    metrics              = ["cloudwatch:PutMetricData"]
    # The operator's: the runbook turns routing controls, switches the databases over, reads their lag, and
    # onboarding keeps the participants' broker users in step on every broker.
    routing_control_write = ["route53-recovery-cluster:UpdateRoutingControlState", "route53-recovery-cluster:UpdateRoutingControlStates"]
    database_switch       = ["rds:DescribeGlobalClusters", "rds:FailoverGlobalCluster", "rds:SwitchoverGlobalCluster"]
    metrics_read          = ["cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics"]
    broker_users          = ["mq:CreateUser", "mq:DeleteUser", "mq:DescribeUser", "mq:ListUsers", "mq:RebootBroker", "mq:UpdateUser"]
    exec                  = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
  }
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "task" {
  for_each = local.footprints

  # Role names are global to the account: the region is part of each, and the path keeps them together.
  name               = "${each.key}-${var.region}"
  path               = "/tradewind/"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags               = local.tags
}

data "aws_iam_policy_document" "task" {
  for_each = local.footprints

  dynamic "statement" {
    for_each = length(each.value.streams_read) > 0 ? [each.value.streams_read] : []

    content {
      sid       = "ReadStreams"
      actions   = local.actions.stream_read
      resources = [for stream in statement.value : aws_kinesis_stream.stage[stream].arn]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.streams_written) > 0 ? [each.value.streams_written] : []

    content {
      sid       = "WriteStreams"
      actions   = local.actions.stream_write
      resources = [for stream in statement.value : aws_kinesis_stream.stage[stream].arn]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.tables_read) > 0 ? [each.value.tables_read] : []

    content {
      sid       = "ReadTables"
      actions   = local.actions.table_read
      resources = [for table in statement.value : "${local.table_arn_prefix}${table}"]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.tables_written) > 0 ? [each.value.tables_written] : []

    content {
      sid       = "WriteTables"
      actions   = local.actions.table_write
      resources = [for table in statement.value : "${local.table_arn_prefix}${table}"]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.ensured_tables) > 0 ? [each.value.ensured_tables] : []

    content {
      sid     = "EnsureTables"
      actions = local.actions.ensured_table
      # The lease table's owner index is read by KCL's lease assignment.
      resources = concat(
        [for table in statement.value : "${local.table_arn_prefix}${table}"],
        [for table in statement.value : "${local.table_arn_prefix}${table}/index/${local.kcl_owner_index}"],
      )
    }
  }

  dynamic "statement" {
    for_each = length(each.value.routing_controls) > 0 ? [each.value.routing_controls] : []

    content {
      sid       = "ReadRoutingControls"
      actions   = local.actions.routing_control_read
      resources = [for control in statement.value : var.routing_control_arns[control]]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.secrets) > 0 ? [each.value.secrets] : []

    content {
      sid       = "ReadSecrets"
      actions   = local.actions.secret_read
      resources = [for secret in statement.value : var.secret_arns[secret]]
    }
  }

  dynamic "statement" {
    for_each = each.value.publishes_metrics ? [true] : []

    content {
      sid       = "PublishMetrics"
      actions   = local.actions.metrics
      resources = ["*"] # PutMetricData has no resource: the namespaces are the bound (Tradewind's, KCL's own).

      condition {
        test     = "StringEquals"
        variable = "cloudwatch:namespace"
        values   = each.value.metric_namespaces
      }
    }
  }

  dynamic "statement" {
    for_each = each.value.operator ? [each.value.routing_controls] : []

    content {
      sid       = "TurnRoutingControls"
      actions   = local.actions.routing_control_write
      resources = [for control in statement.value : var.routing_control_arns[control]]
    }
  }

  dynamic "statement" {
    for_each = each.value.operator ? [true] : []

    content {
      sid       = "SwitchDatabases"
      actions   = local.actions.database_switch
      resources = var.database_arns
    }
  }

  dynamic "statement" {
    for_each = each.value.operator ? [true] : []

    content {
      sid       = "ReadReplicationLag"
      actions   = local.actions.metrics_read
      resources = ["*"] # CloudWatch's reads have no resource.
    }
  }

  dynamic "statement" {
    for_each = each.value.operator ? [true] : []

    content {
      sid       = "ManageBrokerUsers"
      actions   = local.actions.broker_users
      resources = flatten(values(var.broker_arns))
    }
  }

  dynamic "statement" {
    for_each = each.value.operator ? [true] : []

    content {
      sid       = "ExecIntoTheConsole"
      actions   = local.actions.exec
      resources = ["*"] # ECS Exec's channels have no resource.
    }
  }
}

resource "aws_iam_role_policy" "task" {
  for_each = local.footprints

  name   = "footprint"
  role   = aws_iam_role.task[each.key].id
  policy = data.aws_iam_policy_document.task[each.key].json
}

resource "aws_iam_role" "execution" {
  for_each = local.tasks

  name               = "${each.key}-${var.region}-execution"
  path               = "/tradewind/"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  for_each = local.tasks

  role       = aws_iam_role.execution[each.key].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution_secrets" {
  for_each = { for name, task in local.tasks : name => task if length(task.secret_environment) > 0 }

  statement {
    sid       = "FillTheEnvironment"
    actions   = local.actions.secret_read
    resources = distinct([for from in values(each.value.secret_environment) : var.secret_arns[from.secret]])
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  for_each = data.aws_iam_policy_document.execution_secrets

  name   = "secrets"
  role   = aws_iam_role.execution[each.key].id
  policy = each.value.json
}
