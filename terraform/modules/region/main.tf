# One region of Tradewind: per app its broker pair and its streams, the ECS services of every stage, the tools'
# tasks, their roles, logs, alarms and dashboard. The global module holds what spans the regions.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition

  # The matching apps; every other name below comes from footprints.tf and tasks.tf.
  apps = ["trade-matching", "settlement-matching"]

  arc_endpoints = join(",", var.arc_cluster_endpoints)

  # Each app's broker pair in this region, as the services' settings take it.
  broker_urls = {
    for app in local.apps : app => "failover:(${join(",", [for instance in aws_mq_broker.app[app].instances : instance.endpoints[0]])})"
  }

  # As TaskEnvironment.datasourceUrl writes it: the app's schema is the connection's own.
  datasource_urls = {
    for app in local.apps : app => "jdbc:postgresql://${var.database_endpoints[app]}:5432/tradewind?currentSchema=${replace(app, "-", "_")}"
  }

  # Reconciliation connects without a schema: it names the app's tables itself.
  jdbc_urls = {
    for app in local.apps : app => "jdbc:postgresql://${var.database_endpoints[app]}:5432/tradewind"
  }

  # The name=arn pairs of the routing controls each service reads (TRADEWIND_ARC_ROUTINGCONTROLARNS).
  routing_control_arns = {
    for service, footprint in local.footprints : service => join(",", [
      for control in footprint.routing_controls : "${control}=${var.routing_control_arns[control]}"
    ])
  }

  # Each app's outbound gateway sends its peer's messages to the peer's broker in the region whose inbound routing
  # control of the peer is On; the map is keyed by region, which a variable's name cannot carry, so it is JSON.
  peer_region_brokers = {
    "trade-matching" = jsonencode({ tradewind = { "trade-matching" = {
      "settlement-region-brokers" = { for region in var.regions : region => var.broker_urls[region]["settlement-matching"] }
    } } })
    "settlement-matching" = jsonencode({ tradewind = { "settlement-matching" = {
      "trade-matching-region-brokers" = { for region in var.regions : region => var.broker_urls[region]["trade-matching"] }
    } } })
  }

  # Every table's ARN in this region: global tables' replicas and KCL's own tables are all named, never wildcarded.
  table_arn_prefix = "arn:${local.partition}:dynamodb:${var.region}:${local.account}:table/"

  tags = merge(var.tags, { "tradewind:region" = var.region })
}
