# Route 53 ARC: a cluster (its five regional endpoints are what the services read their routing controls through), the
# control panel, per app and region an inbound and a processing control, the global generator control, and the safety
# rules the sandbox's emulated panel enforces (local-aws ControlPanelSpec.tradewindDefaults): per app and kind of
# control, at most one region On. ARC's configuration API lives in us-west-2 (provider aws.arc). New controls are Off:
# the README says how to turn the primary's On.
locals {
  control_panel = "tradewind"

  routing_controls = [
    "trade-matching-inbound-us-east-1",
    "trade-matching-inbound-us-west-2",
    "trade-matching-processing-us-east-1",
    "trade-matching-processing-us-west-2",
    "settlement-matching-inbound-us-east-1",
    "settlement-matching-inbound-us-west-2",
    "settlement-matching-processing-us-east-1",
    "settlement-matching-processing-us-west-2",
    "generator",
  ]

  # Rule name => the controls of which at most one may be On.
  safety_rules = {
    "trade-matching-inbound-at-most-one-region"         = ["trade-matching-inbound-us-east-1", "trade-matching-inbound-us-west-2"]
    "trade-matching-processing-at-most-one-region"      = ["trade-matching-processing-us-east-1", "trade-matching-processing-us-west-2"]
    "settlement-matching-inbound-at-most-one-region"    = ["settlement-matching-inbound-us-east-1", "settlement-matching-inbound-us-west-2"]
    "settlement-matching-processing-at-most-one-region" = ["settlement-matching-processing-us-east-1", "settlement-matching-processing-us-west-2"]
  }

  # The controls in front of each app's inbound gateways, by app and region: the health checks behind the names
  # counterparties connect to follow them.
  inbound_controls = {
    "trade-matching" = {
      "us-east-1" = "trade-matching-inbound-us-east-1"
      "us-west-2" = "trade-matching-inbound-us-west-2"
    }
    "settlement-matching" = {
      "us-east-1" = "settlement-matching-inbound-us-east-1"
      "us-west-2" = "settlement-matching-inbound-us-west-2"
    }
  }
}

resource "aws_route53recoverycontrolconfig_cluster" "tradewind" {
  provider = aws.arc
  name     = "tradewind"
}

resource "aws_route53recoverycontrolconfig_control_panel" "tradewind" {
  provider    = aws.arc
  name        = local.control_panel
  cluster_arn = aws_route53recoverycontrolconfig_cluster.tradewind.arn
}

resource "aws_route53recoverycontrolconfig_routing_control" "control" {
  provider = aws.arc
  for_each = toset(local.routing_controls)

  name              = each.key
  cluster_arn       = aws_route53recoverycontrolconfig_cluster.tradewind.arn
  control_panel_arn = aws_route53recoverycontrolconfig_control_panel.tradewind.arn
}

resource "aws_route53recoverycontrolconfig_safety_rule" "at_most_one_region" {
  provider = aws.arc
  for_each = local.safety_rules

  name              = each.key
  control_panel_arn = aws_route53recoverycontrolconfig_control_panel.tradewind.arn
  asserted_controls = [for control in each.value : aws_route53recoverycontrolconfig_routing_control.control[control].arn]
  wait_period_ms    = 5000

  rule_config {
    type      = "ATMOST"
    threshold = 1
    inverted  = false
  }
}

# A health check per inbound control: healthy while the control is On. The failover records of the names
# counterparties connect to (the root's dns.tf) answer with the region whose check is healthy.
resource "aws_route53_health_check" "inbound" {
  provider = aws.primary
  for_each = merge([
    for app, regions in local.inbound_controls : { for region, control in regions : "${app}-${region}" => control }
  ]...)

  type                = "RECOVERY_CONTROL"
  routing_control_arn = aws_route53recoverycontrolconfig_routing_control.control[each.value].arn

  tags = merge(var.tags, { Name = "tradewind-${each.value}" })
}
