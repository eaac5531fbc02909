# Tradewind on AWS: the global layer (global tables, Aurora global databases, secrets, ARC, health checks), then one
# instance of the region module per region, and the names counterparties connect to (dns.tf). One root, one state:
# Terraform orders the layers by their references (README).

locals {
  # The regions are Tradewind's (io.tradewind.model.topology.Deployment): its routing controls are named after them.
  primary_region   = "us-east-1"
  secondary_region = "us-west-2"
  # Multi-Region strong consistency (the send ledgers) needs a third region of the same region set: the US set is
  # us-east-1, us-east-2 and us-west-2, and a witness there serves no reads, so Tradewind runs nothing in it.
  witness_region = "us-east-2"
  regions        = [local.primary_region, local.secondary_region]
}

provider "aws" {
  region = local.primary_region
}

provider "aws" {
  alias  = "primary"
  region = local.primary_region
}

provider "aws" {
  alias  = "secondary"
  region = local.secondary_region
}

# ARC's recovery control configuration API is served from us-west-2 only, whatever regions the controls serve.
provider "aws" {
  alias  = "arc"
  region = "us-west-2"
}

module "global" {
  source = "./modules/global"

  providers = {
    aws.primary   = aws.primary
    aws.secondary = aws.secondary
    aws.arc       = aws.arc
  }

  primary_region        = local.primary_region
  secondary_region      = local.secondary_region
  witness_region        = local.witness_region
  vpc_ids               = { for region, network in var.networks : region => network.vpc_id }
  database_subnet_ids   = { for region, network in var.networks : region => network.database_subnet_ids }
  aurora_engine_version = var.aurora_engine_version
  aurora_instance_class = var.aurora_instance_class
  deletion_protection   = var.deletion_protection
  participant_ids       = keys(var.participants)
  tags                  = var.tags
}

locals {
  # Each region's brokers, for every region's outbound gateways (they follow the peer app across a rotation) and for
  # the ops console's onboarding (it keeps users in step on every broker).
  broker_urls = {
    (local.primary_region)   = module.us_east_1.broker_urls
    (local.secondary_region) = module.us_west_2.broker_urls
  }
  broker_arns = {
    (local.primary_region)   = module.us_east_1.broker_arns
    (local.secondary_region) = module.us_west_2.broker_arns
  }
}

locals {
  # Where the runbook finds everything (RunbookTopology's JSON): the ops console service of each region reads it from
  # TRADEWIND_CONSOLE_TOPOLOGY, and an operator's command line from the file output runbook_topology writes.
  runbook_topology = jsonencode({
    arcEndpoints         = module.global.arc_cluster_endpoints
    controlPanelArn      = module.global.control_panel_arn
    routingControlArns   = [for name, arn in module.global.routing_control_arns : "${name}=${arn}"]
    auroraGlobalClusters = module.global.global_cluster_ids
    regions = {
      for region, module_outputs in {
        (local.primary_region)   = module.us_east_1
        (local.secondary_region) = module.us_west_2
        } : region => {
        broker    = module_outputs.broker_urls["trade-matching"]
        jdbcUrl   = "jdbc:postgresql://${module.global.database_endpoints[region]["trade-matching"]}:5432/tradewind"
        dbUser    = module.global.database_username
        actuators = {}
        brokerIds = values(module_outputs.broker_ids)
      }
    }
  })
}

module "us_east_1" {
  source    = "./modules/region"
  providers = { aws = aws.primary }

  region                       = local.primary_region
  regions                      = local.regions
  vpc_id                       = var.networks[local.primary_region].vpc_id
  subnet_ids                   = var.networks[local.primary_region].subnet_ids
  image_registry               = var.image_registry
  image_tag                    = var.image_tag
  stream_shards                = var.stream_shards
  default_stream_shards        = var.default_stream_shards
  mq_instance_type             = var.mq_instance_type
  broker_passwords             = module.global.broker_passwords
  participants                 = var.participants
  participant_passwords        = module.global.participant_passwords
  participant_cidr_blocks      = lookup(var.participant_networks, local.primary_region, [])
  broker_urls                  = local.broker_urls
  broker_arns                  = local.broker_arns
  secret_arns                  = module.global.secret_arns[local.primary_region]
  database_endpoints           = module.global.database_endpoints[local.primary_region]
  database_cluster_ids         = module.global.database_cluster_ids[local.primary_region]
  database_security_group_id   = module.global.database_security_group_ids[local.primary_region]
  database_username            = module.global.database_username
  database_arns                = module.global.database_arns
  arc_cluster_endpoints        = module.global.arc_cluster_endpoints
  control_panel_arn            = module.global.control_panel_arn
  routing_control_arns         = module.global.routing_control_arns
  eventually_replicated_tables = module.global.eventually_replicated_tables
  stage_desired_count          = var.stage_desired_count
  generator_desired_count      = lookup(var.generator_desired_count, local.primary_region, 0)
  alarm_actions                = lookup(var.alarm_actions, local.primary_region, [])
  console_topology             = local.runbook_topology
  console_oidc                 = var.console_oidc
  console_oidc_client_secret   = var.console_oidc_client_secret
  tags                         = var.tags
}

module "us_west_2" {
  source    = "./modules/region"
  providers = { aws = aws.secondary }

  region                       = local.secondary_region
  regions                      = local.regions
  vpc_id                       = var.networks[local.secondary_region].vpc_id
  subnet_ids                   = var.networks[local.secondary_region].subnet_ids
  image_registry               = var.image_registry
  image_tag                    = var.image_tag
  stream_shards                = var.stream_shards
  default_stream_shards        = var.default_stream_shards
  mq_instance_type             = var.mq_instance_type
  broker_passwords             = module.global.broker_passwords
  participants                 = var.participants
  participant_passwords        = module.global.participant_passwords
  participant_cidr_blocks      = lookup(var.participant_networks, local.secondary_region, [])
  broker_urls                  = local.broker_urls
  broker_arns                  = local.broker_arns
  secret_arns                  = module.global.secret_arns[local.secondary_region]
  database_endpoints           = module.global.database_endpoints[local.secondary_region]
  database_cluster_ids         = module.global.database_cluster_ids[local.secondary_region]
  database_security_group_id   = module.global.database_security_group_ids[local.secondary_region]
  database_username            = module.global.database_username
  database_arns                = module.global.database_arns
  arc_cluster_endpoints        = module.global.arc_cluster_endpoints
  control_panel_arn            = module.global.control_panel_arn
  routing_control_arns         = module.global.routing_control_arns
  eventually_replicated_tables = module.global.eventually_replicated_tables
  stage_desired_count          = var.stage_desired_count
  generator_desired_count      = lookup(var.generator_desired_count, local.secondary_region, 0)
  alarm_actions                = lookup(var.alarm_actions, local.secondary_region, [])
  console_topology             = local.runbook_topology
  console_oidc                 = var.console_oidc
  console_oidc_client_secret   = var.console_oidc_client_secret
  tags                         = var.tags
}
