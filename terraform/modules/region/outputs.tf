output "broker_urls" {
  description = "Each app's broker pair in this region, as failover:(ssl://...,ssl://...)."
  value       = local.broker_urls
}

output "broker_arns" {
  description = "The region's brokers' ARNs."
  value       = [for broker in aws_mq_broker.app : broker.arn]
}

output "broker_ids" {
  description = "Each app's broker id in this region (Amazon MQ's user API addresses brokers by id)."
  value       = { for app, broker in aws_mq_broker.app : app => broker.id }
}

output "broker_hosts" {
  description = "Each app's broker instances' host names, active first: what the counterparties' DNS names point at."
  value = {
    for app, broker in aws_mq_broker.app : app => [
      for instance in broker.instances : regex("^ssl://([^:]+):", instance.endpoints[0])[0]
    ]
  }
}

output "cluster_name" {
  description = "The ECS cluster."
  value       = aws_ecs_cluster.tradewind.name
}

output "reconciliation_task_definitions" {
  description = "The task definition the runbook runs per app (aws ecs run-task)."
  value       = { for app in local.apps : app => aws_ecs_task_definition.task["reconciliation-replay-${app}"].arn }
}

output "task_security_group_id" {
  description = "The tasks' security group (run-task needs it, with the subnets)."
  value       = aws_security_group.tasks.id
}

output "dashboard_name" {
  description = "The region's CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.tradewind.dashboard_name
}

output "console_url" {
  description = "The ops console behind its OIDC load balancer (null without one)."
  value       = local.console_behind_oidc ? "https://${aws_lb.console[0].dns_name}" : null
}
