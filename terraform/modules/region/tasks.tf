# The task of each service and runbook task: its image, what runs it, and the environment it passes, written
# out variable by variable as io.tradewind.model.topology.Deployment names them (TaskDefinitionsTest compares them).
locals {
  tasks = {
    "trade-matching-inbound-gateway" = {
      image          = "tradewind/trade-matching"
      log_group      = "trade-matching"
      service        = true
      desired_count  = var.stage_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE           = "aws,aws-broker"
        SERVER_PORT                      = "8080"
        TRADEWIND_REGION                 = var.region
        TRADEWIND_TRADEMATCHING_STAGES   = "inbound-gateway"
        TRADEWIND_MQ_BROKERURL           = local.broker_urls["trade-matching"]
        TRADEWIND_DATABASE_SECRET_ID     = "tradewind/trade-matching/database"
        SPRING_DATASOURCE_URL            = local.datasource_urls["trade-matching"]
        TRADEWIND_ARC_ENDPOINTS          = local.arc_endpoints
        TRADEWIND_ARC_CONTROLPANELARN    = var.control_panel_arn
        TRADEWIND_ARC_ROUTINGCONTROLARNS = local.routing_control_arns["trade-matching-inbound-gateway"]
        TRADEWIND_MQ_SECRET_ID           = "tradewind/trade-matching/mq"
      }
      secret_environment = {
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
      }
    }
    "trade-matching-ingestion" = {
      image          = "tradewind/trade-matching"
      log_group      = "trade-matching"
      service        = true
      desired_count  = var.stage_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE           = "aws"
        SERVER_PORT                      = "8080"
        TRADEWIND_REGION                 = var.region
        TRADEWIND_TRADEMATCHING_STAGES   = "ingestion"
        TRADEWIND_MQ_BROKERURL           = local.broker_urls["trade-matching"]
        TRADEWIND_DATABASE_SECRET_ID     = "tradewind/trade-matching/database"
        SPRING_DATASOURCE_URL            = local.datasource_urls["trade-matching"]
        TRADEWIND_ARC_ENDPOINTS          = local.arc_endpoints
        TRADEWIND_ARC_CONTROLPANELARN    = var.control_panel_arn
        TRADEWIND_ARC_ROUTINGCONTROLARNS = local.routing_control_arns["trade-matching-ingestion"]
      }
      secret_environment = {
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
      }
    }
    "trade-matching-matching" = {
      image          = "tradewind/trade-matching"
      log_group      = "trade-matching"
      service        = true
      desired_count  = var.stage_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE           = "aws"
        SERVER_PORT                      = "8080"
        TRADEWIND_REGION                 = var.region
        TRADEWIND_TRADEMATCHING_STAGES   = "matching"
        TRADEWIND_MQ_BROKERURL           = local.broker_urls["trade-matching"]
        TRADEWIND_DATABASE_SECRET_ID     = "tradewind/trade-matching/database"
        SPRING_DATASOURCE_URL            = local.datasource_urls["trade-matching"]
        TRADEWIND_ARC_ENDPOINTS          = local.arc_endpoints
        TRADEWIND_ARC_CONTROLPANELARN    = var.control_panel_arn
        TRADEWIND_ARC_ROUTINGCONTROLARNS = local.routing_control_arns["trade-matching-matching"]
      }
      secret_environment = {
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
      }
    }
    "trade-matching-egress" = {
      image          = "tradewind/trade-matching"
      log_group      = "trade-matching"
      service        = true
      desired_count  = var.stage_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE           = "aws"
        SERVER_PORT                      = "8080"
        TRADEWIND_REGION                 = var.region
        TRADEWIND_TRADEMATCHING_STAGES   = "egress"
        TRADEWIND_MQ_BROKERURL           = local.broker_urls["trade-matching"]
        TRADEWIND_DATABASE_SECRET_ID     = "tradewind/trade-matching/database"
        SPRING_DATASOURCE_URL            = local.datasource_urls["trade-matching"]
        TRADEWIND_ARC_ENDPOINTS          = local.arc_endpoints
        TRADEWIND_ARC_CONTROLPANELARN    = var.control_panel_arn
        TRADEWIND_ARC_ROUTINGCONTROLARNS = local.routing_control_arns["trade-matching-egress"]
      }
      secret_environment = {
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
      }
    }
    "trade-matching-outbound-gateway" = {
      image          = "tradewind/trade-matching"
      log_group      = "trade-matching"
      service        = true
      desired_count  = var.stage_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE           = "aws,aws-broker"
        SERVER_PORT                      = "8080"
        TRADEWIND_REGION                 = var.region
        TRADEWIND_TRADEMATCHING_STAGES   = "outbound-gateway"
        TRADEWIND_MQ_BROKERURL           = local.broker_urls["trade-matching"]
        TRADEWIND_DATABASE_SECRET_ID     = "tradewind/trade-matching/database"
        SPRING_DATASOURCE_URL            = local.datasource_urls["trade-matching"]
        TRADEWIND_ARC_ENDPOINTS          = local.arc_endpoints
        TRADEWIND_ARC_CONTROLPANELARN    = var.control_panel_arn
        TRADEWIND_ARC_ROUTINGCONTROLARNS = local.routing_control_arns["trade-matching-outbound-gateway"]
        SPRING_APPLICATION_JSON          = local.peer_region_brokers["trade-matching"]
        TRADEWIND_MQ_SECRET_ID           = "tradewind/trade-matching/mq"
      }
      secret_environment = {
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
      }
    }
    "settlement-matching-inbound-gateway" = {
      image          = "tradewind/settlement-matching"
      log_group      = "settlement-matching"
      service        = true
      desired_count  = var.stage_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE              = "aws,aws-broker"
        SERVER_PORT                         = "8080"
        TRADEWIND_REGION                    = var.region
        TRADEWIND_SETTLEMENTMATCHING_STAGES = "inbound-gateway"
        TRADEWIND_MQ_BROKERURL              = local.broker_urls["settlement-matching"]
        TRADEWIND_DATABASE_SECRET_ID        = "tradewind/settlement-matching/database"
        SPRING_DATASOURCE_URL               = local.datasource_urls["settlement-matching"]
        TRADEWIND_ARC_ENDPOINTS             = local.arc_endpoints
        TRADEWIND_ARC_CONTROLPANELARN       = var.control_panel_arn
        TRADEWIND_ARC_ROUTINGCONTROLARNS    = local.routing_control_arns["settlement-matching-inbound-gateway"]
        TRADEWIND_MQ_SECRET_ID              = "tradewind/settlement-matching/mq"
      }
      secret_environment = {
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
      }
    }
    "settlement-matching-ingestion" = {
      image          = "tradewind/settlement-matching"
      log_group      = "settlement-matching"
      service        = true
      desired_count  = var.stage_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE              = "aws"
        SERVER_PORT                         = "8080"
        TRADEWIND_REGION                    = var.region
        TRADEWIND_SETTLEMENTMATCHING_STAGES = "ingestion"
        TRADEWIND_MQ_BROKERURL              = local.broker_urls["settlement-matching"]
        TRADEWIND_DATABASE_SECRET_ID        = "tradewind/settlement-matching/database"
        SPRING_DATASOURCE_URL               = local.datasource_urls["settlement-matching"]
        TRADEWIND_ARC_ENDPOINTS             = local.arc_endpoints
        TRADEWIND_ARC_CONTROLPANELARN       = var.control_panel_arn
        TRADEWIND_ARC_ROUTINGCONTROLARNS    = local.routing_control_arns["settlement-matching-ingestion"]
      }
      secret_environment = {
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
      }
    }
    "settlement-matching-matching" = {
      image          = "tradewind/settlement-matching"
      log_group      = "settlement-matching"
      service        = true
      desired_count  = var.stage_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE              = "aws"
        SERVER_PORT                         = "8080"
        TRADEWIND_REGION                    = var.region
        TRADEWIND_SETTLEMENTMATCHING_STAGES = "matching"
        TRADEWIND_MQ_BROKERURL              = local.broker_urls["settlement-matching"]
        TRADEWIND_DATABASE_SECRET_ID        = "tradewind/settlement-matching/database"
        SPRING_DATASOURCE_URL               = local.datasource_urls["settlement-matching"]
        TRADEWIND_ARC_ENDPOINTS             = local.arc_endpoints
        TRADEWIND_ARC_CONTROLPANELARN       = var.control_panel_arn
        TRADEWIND_ARC_ROUTINGCONTROLARNS    = local.routing_control_arns["settlement-matching-matching"]
      }
      secret_environment = {
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
      }
    }
    "settlement-matching-egress" = {
      image          = "tradewind/settlement-matching"
      log_group      = "settlement-matching"
      service        = true
      desired_count  = var.stage_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE              = "aws"
        SERVER_PORT                         = "8080"
        TRADEWIND_REGION                    = var.region
        TRADEWIND_SETTLEMENTMATCHING_STAGES = "egress"
        TRADEWIND_MQ_BROKERURL              = local.broker_urls["settlement-matching"]
        TRADEWIND_DATABASE_SECRET_ID        = "tradewind/settlement-matching/database"
        SPRING_DATASOURCE_URL               = local.datasource_urls["settlement-matching"]
        TRADEWIND_ARC_ENDPOINTS             = local.arc_endpoints
        TRADEWIND_ARC_CONTROLPANELARN       = var.control_panel_arn
        TRADEWIND_ARC_ROUTINGCONTROLARNS    = local.routing_control_arns["settlement-matching-egress"]
      }
      secret_environment = {
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
      }
    }
    "settlement-matching-outbound-gateway" = {
      image          = "tradewind/settlement-matching"
      log_group      = "settlement-matching"
      service        = true
      desired_count  = var.stage_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE              = "aws,aws-broker"
        SERVER_PORT                         = "8080"
        TRADEWIND_REGION                    = var.region
        TRADEWIND_SETTLEMENTMATCHING_STAGES = "outbound-gateway"
        TRADEWIND_MQ_BROKERURL              = local.broker_urls["settlement-matching"]
        TRADEWIND_DATABASE_SECRET_ID        = "tradewind/settlement-matching/database"
        SPRING_DATASOURCE_URL               = local.datasource_urls["settlement-matching"]
        TRADEWIND_ARC_ENDPOINTS             = local.arc_endpoints
        TRADEWIND_ARC_CONTROLPANELARN       = var.control_panel_arn
        TRADEWIND_ARC_ROUTINGCONTROLARNS    = local.routing_control_arns["settlement-matching-outbound-gateway"]
        SPRING_APPLICATION_JSON             = local.peer_region_brokers["settlement-matching"]
        TRADEWIND_MQ_SECRET_ID              = "tradewind/settlement-matching/mq"
      }
      secret_environment = {
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
      }
    }
    "trade-generator" = {
      image              = "tradewind/trade-generator"
      log_group          = "trade-generator"
      service            = true
      desired_count      = var.generator_desired_count
      container_port     = null
      command            = ["--aws-credential-chain", "--region", var.region, "--broker-url", local.broker_urls["trade-matching"], "--arc-endpoints", local.arc_endpoints, "--control-arn", var.routing_control_arns["generator"], "--rate", tostring(var.generator_rate)]
      environment        = {}
      secret_environment = {}
    }
    "reconciliation-replay-trade-matching" = {
      image          = "tradewind/reconciliation-replay"
      log_group      = "reconciliation-replay"
      service        = false
      desired_count  = 0
      container_port = null
      command        = ["--aws", "--app", "trade-matching", "--region", var.region, "--jdbc-url", local.jdbc_urls["trade-matching"], "--db-user", var.database_username]
      environment    = {}
      secret_environment = {
        TRADEWIND_DB_PASSWORD = { secret = "tradewind/trade-matching/database", key = "password" }
      }
    }
    "reconciliation-replay-settlement-matching" = {
      image          = "tradewind/reconciliation-replay"
      log_group      = "reconciliation-replay"
      service        = false
      desired_count  = 0
      container_port = null
      command        = ["--aws", "--app", "settlement-matching", "--region", var.region, "--jdbc-url", local.jdbc_urls["settlement-matching"], "--db-user", var.database_username]
      environment    = {}
      secret_environment = {
        TRADEWIND_DB_PASSWORD = { secret = "tradewind/settlement-matching/database", key = "password" }
      }
    }
    "ops-console" = {
      image          = "tradewind/ops-console"
      log_group      = "ops-console"
      service        = true
      desired_count  = var.ops_console_desired_count
      container_port = 8080
      command        = []
      environment = {
        SPRING_PROFILES_ACTIVE            = "aws"
        SERVER_PORT                       = "8080"
        TRADEWIND_REGION                  = var.region
        TRADEWIND_CONSOLE_TOPOLOGY        = var.console_topology
        TRADEWIND_CONSOLE_USERS_SECRET_ID = "tradewind/ops-console/users"
        SPRING_APPLICATION_JSON           = local.console_access
      }
      secret_environment = {
        TRADEWIND_HTTP_PASSWORD = { secret = "tradewind/actuator", key = "password" }
        TRADEWIND_HTTP_USERNAME = { secret = "tradewind/actuator", key = "username" }
        TRADEWIND_MQ_PASSWORD   = { secret = "tradewind/ops-console/mq", key = "password" }
      }
    }
  }
}
