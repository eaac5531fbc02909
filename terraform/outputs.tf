output "runbook_topology" {
  description = "The ops console's --topology file (RunbookTopology), which each region's console service is given as TRADEWIND_CONSOLE_TOPOLOGY: terraform output -raw runbook_topology > topology.json. Its dbPassword is left out (it is a secret: add it from tradewind/<app>/database), and so are actuators (see the README)."
  value       = local.runbook_topology
}

output "routing_control_arns" {
  description = "Each routing control's ARN, by name (the services get theirs as TRADEWIND_ARC_ROUTINGCONTROLARNS)."
  value       = module.global.routing_control_arns
}

output "control_panel_arn" {
  description = "The control panel."
  value       = module.global.control_panel_arn
}

output "arc_cluster_endpoints" {
  description = "ARC's cluster endpoints, for aws route53-recovery-cluster calls (--endpoint-url and that endpoint's --region)."
  value       = module.global.arc_cluster_endpoints
}

output "broker_ids" {
  description = "Each region's broker id of each app: aws mq reboot-broker --broker-id applies a new participant or configuration."
  value = {
    (local.primary_region)   = module.us_east_1.broker_ids
    (local.secondary_region) = module.us_west_2.broker_ids
  }
}

output "broker_urls" {
  description = "Each region's broker pair of each app."
  value       = local.broker_urls
}

output "counterparty_names" {
  description = "The names counterparties connect to, per app: the active region's brokers."
  value = {
    for app in ["trade-matching", "settlement-matching"] : app => [
      for instance in [1, 2] : "mq-${app}-${instance}.${var.dns_zone_name}"
    ]
  }
}

output "reconciliation_task_definitions" {
  description = "Per region and app, the reconciliation-replay task definition the runbook runs."
  value = {
    (local.primary_region)   = module.us_east_1.reconciliation_task_definitions
    (local.secondary_region) = module.us_west_2.reconciliation_task_definitions
  }
}

output "task_security_group_ids" {
  description = "Per region, the tasks' security group (aws ecs run-task needs it with the subnets)."
  value = {
    (local.primary_region)   = module.us_east_1.task_security_group_id
    (local.secondary_region) = module.us_west_2.task_security_group_id
  }
}

output "dashboards" {
  description = "Per region, its CloudWatch dashboard."
  value = {
    (local.primary_region)   = module.us_east_1.dashboard_name
    (local.secondary_region) = module.us_west_2.dashboard_name
  }
}

output "console_urls" {
  description = "Per region, the ops console's URL behind its OIDC load balancer (null without console_oidc)."
  value = {
    (local.primary_region)   = module.us_east_1.console_url
    (local.secondary_region) = module.us_west_2.console_url
  }
}
