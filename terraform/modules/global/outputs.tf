output "arc_cluster_endpoints" {
  description = "ARC's cluster endpoints (data plane), which the services try in turn."
  value       = [for endpoint in aws_route53recoverycontrolconfig_cluster.tradewind.cluster_endpoints : endpoint.endpoint]
}

output "control_panel_arn" {
  description = "The control panel of every routing control."
  value       = aws_route53recoverycontrolconfig_control_panel.tradewind.arn
}

output "routing_control_arns" {
  description = "Each routing control's ARN, by name."
  value       = { for name, control in aws_route53recoverycontrolconfig_routing_control.control : name => control.arn }
}

output "inbound_health_check_ids" {
  description = "The health check of each app's inbound control in each region, by app and region."
  value = {
    for app, regions in local.inbound_controls : app => {
      for region, control in regions : region => aws_route53_health_check.inbound["${app}-${region}"].id
    }
  }
}

output "secret_arns" {
  description = "Each secret's ARN in each region, by region and name (a replica's ARN is the primary's in its region): the logins and the console's users."
  value = {
    for region in [var.primary_region, var.secondary_region] : region => merge(
      { for name, secret in aws_secretsmanager_secret.login : name => replace(secret.arn, ":${var.primary_region}:", ":${region}:") },
      { (local.console_users_secret) = replace(aws_secretsmanager_secret.console_users.arn, ":${var.primary_region}:", ":${region}:") },
    )
  }
}

output "broker_passwords" {
  description = "Each service's broker password, by broker user."
  value       = { for name, secret in local.secrets : secret.username => random_password.login[name].result if secret.broker_user }
  sensitive   = true
}

output "participant_passwords" {
  description = "Each participant's initial broker password, by id (replaced by `participant add`)."
  value       = { for id, password in random_password.participant : id => password.result }
  sensitive   = true
}

output "database_username" {
  description = "Aurora's master user."
  value       = var.database_username
}

output "global_cluster_ids" {
  description = "Each app's Aurora global cluster identifier (the runbook topology's auroraGlobalClusters)."
  value       = { for app, cluster in aws_rds_global_cluster.app : app => cluster.id }
}

output "database_endpoints" {
  description = "Each app's cluster endpoint, by region and app: the primary's writer, the secondary's reader until a switchover."
  value = {
    (var.primary_region)   = { for app, cluster in aws_rds_cluster.primary : app => cluster.endpoint }
    (var.secondary_region) = { for app, cluster in aws_rds_cluster.secondary : app => cluster.endpoint }
  }
}

output "database_cluster_ids" {
  description = "Each app's cluster identifier, by region and app."
  value = {
    (var.primary_region)   = { for app, cluster in aws_rds_cluster.primary : app => cluster.cluster_identifier }
    (var.secondary_region) = { for app, cluster in aws_rds_cluster.secondary : app => cluster.cluster_identifier }
  }
}

output "database_arns" {
  description = "Each app's global cluster and its clusters in both regions: what the runbook switches over."
  value = concat(
    [for cluster in aws_rds_global_cluster.app : cluster.arn],
    [for cluster in aws_rds_cluster.primary : cluster.arn],
    [for cluster in aws_rds_cluster.secondary : cluster.arn],
  )
}

output "database_security_group_ids" {
  description = "The Aurora clusters' security group, by region."
  value = {
    (var.primary_region)   = aws_security_group.database_primary.id
    (var.secondary_region) = aws_security_group.database_secondary.id
  }
}

output "eventually_replicated_tables" {
  description = "The global tables replicated after a lag."
  value       = keys(local.eventually_consistent_tables)
}

output "strongly_consistent_tables" {
  description = "The send ledgers and the rotation lease, strongly consistent across the regions with the witness."
  value       = concat(local.strongly_consistent_tables, [aws_dynamodb_table.rotation_lease.name])
}
