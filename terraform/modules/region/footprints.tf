# What each service and runbook task of the region touches, and so all its task role may touch. Written out
# in full, per service, as io.tradewind.model.topology.Deployment builds it from the code's names: the build's
# cross-check (deployment/, TaskRolesTest) fails when the two differ. iam.tf grants exactly these.
locals {
  footprints = {
    "trade-matching-inbound-gateway" = {
      streams_read      = []
      streams_written   = ["trade-matching-ingestion"]
      tables_read       = ["trade-matching-inbound-journal"]
      tables_written    = ["trade-matching-inbound-journal"]
      ensured_tables    = []
      queues            = ["trades.inbound", "settlements.confirmations"]
      routing_controls  = ["trade-matching-inbound-${var.region}"]
      secrets           = ["tradewind/trade-matching/mq", "tradewind/trade-matching/database"]
      publishes_metrics = true
      metric_namespaces = ["Tradewind"]
      operator          = false
    }
    "trade-matching-ingestion" = {
      streams_read      = ["trade-matching-ingestion"]
      streams_written   = ["trade-matching-matching", "trade-matching-outbound-gateway"]
      tables_read       = ["tradewind-participants"]
      tables_written    = []
      ensured_tables    = ["trade-matching-ingestion", "trade-matching-ingestion-CoordinatorState", "trade-matching-ingestion-WorkerMetricStats"]
      queues            = []
      routing_controls  = ["trade-matching-processing-${var.region}"]
      secrets           = ["tradewind/trade-matching/database"]
      publishes_metrics = true
      metric_namespaces = ["Tradewind", "trade-matching-ingestion"]
      operator          = false
    }
    "trade-matching-matching" = {
      streams_read      = ["trade-matching-matching"]
      streams_written   = ["trade-matching-egress"]
      tables_read       = []
      tables_written    = []
      ensured_tables    = ["trade-matching-matching", "trade-matching-matching-CoordinatorState", "trade-matching-matching-WorkerMetricStats"]
      queues            = []
      routing_controls  = ["trade-matching-processing-${var.region}"]
      secrets           = ["tradewind/trade-matching/database"]
      publishes_metrics = true
      metric_namespaces = ["Tradewind", "trade-matching-matching"]
      operator          = false
    }
    "trade-matching-egress" = {
      streams_read      = ["trade-matching-egress"]
      streams_written   = ["trade-matching-outbound-gateway"]
      tables_read       = []
      tables_written    = []
      ensured_tables    = ["trade-matching-egress", "trade-matching-egress-CoordinatorState", "trade-matching-egress-WorkerMetricStats"]
      queues            = []
      routing_controls  = ["trade-matching-processing-${var.region}"]
      secrets           = ["tradewind/trade-matching/database"]
      publishes_metrics = true
      metric_namespaces = ["Tradewind", "trade-matching-egress"]
      operator          = false
    }
    "trade-matching-outbound-gateway" = {
      streams_read      = ["trade-matching-outbound-gateway"]
      streams_written   = []
      tables_read       = ["trade-matching-send-ledger"]
      tables_written    = ["trade-matching-send-ledger"]
      ensured_tables    = ["trade-matching-outbound-gateway", "trade-matching-outbound-gateway-CoordinatorState", "trade-matching-outbound-gateway-WorkerMetricStats"]
      queues            = ["trades.status.>", "settlements.inbound"]
      routing_controls  = ["trade-matching-processing-${var.region}", "settlement-matching-inbound-us-east-1", "settlement-matching-inbound-us-west-2"]
      secrets           = ["tradewind/trade-matching/mq", "tradewind/trade-matching/database"]
      publishes_metrics = true
      metric_namespaces = ["Tradewind", "trade-matching-outbound-gateway"]
      operator          = false
    }
    "settlement-matching-inbound-gateway" = {
      streams_read      = []
      streams_written   = ["settlement-matching-ingestion"]
      tables_read       = ["settlement-matching-inbound-journal"]
      tables_written    = ["settlement-matching-inbound-journal"]
      ensured_tables    = []
      queues            = ["settlements.inbound"]
      routing_controls  = ["settlement-matching-inbound-${var.region}"]
      secrets           = ["tradewind/settlement-matching/mq", "tradewind/settlement-matching/database"]
      publishes_metrics = true
      metric_namespaces = ["Tradewind"]
      operator          = false
    }
    "settlement-matching-ingestion" = {
      streams_read      = ["settlement-matching-ingestion"]
      streams_written   = ["settlement-matching-matching", "settlement-matching-outbound-gateway"]
      tables_read       = ["tradewind-participants"]
      tables_written    = []
      ensured_tables    = ["settlement-matching-ingestion", "settlement-matching-ingestion-CoordinatorState", "settlement-matching-ingestion-WorkerMetricStats"]
      queues            = []
      routing_controls  = ["settlement-matching-processing-${var.region}"]
      secrets           = ["tradewind/settlement-matching/database"]
      publishes_metrics = true
      metric_namespaces = ["Tradewind", "settlement-matching-ingestion"]
      operator          = false
    }
    "settlement-matching-matching" = {
      streams_read      = ["settlement-matching-matching"]
      streams_written   = ["settlement-matching-egress"]
      tables_read       = []
      tables_written    = []
      ensured_tables    = ["settlement-matching-matching", "settlement-matching-matching-CoordinatorState", "settlement-matching-matching-WorkerMetricStats"]
      queues            = []
      routing_controls  = ["settlement-matching-processing-${var.region}"]
      secrets           = ["tradewind/settlement-matching/database"]
      publishes_metrics = true
      metric_namespaces = ["Tradewind", "settlement-matching-matching"]
      operator          = false
    }
    "settlement-matching-egress" = {
      streams_read      = ["settlement-matching-egress"]
      streams_written   = ["settlement-matching-outbound-gateway"]
      tables_read       = []
      tables_written    = []
      ensured_tables    = ["settlement-matching-egress", "settlement-matching-egress-CoordinatorState", "settlement-matching-egress-WorkerMetricStats"]
      queues            = []
      routing_controls  = ["settlement-matching-processing-${var.region}"]
      secrets           = ["tradewind/settlement-matching/database"]
      publishes_metrics = true
      metric_namespaces = ["Tradewind", "settlement-matching-egress"]
      operator          = false
    }
    "settlement-matching-outbound-gateway" = {
      streams_read      = ["settlement-matching-outbound-gateway"]
      streams_written   = []
      tables_read       = ["settlement-matching-send-ledger"]
      tables_written    = ["settlement-matching-send-ledger"]
      ensured_tables    = ["settlement-matching-outbound-gateway", "settlement-matching-outbound-gateway-CoordinatorState", "settlement-matching-outbound-gateway-WorkerMetricStats"]
      queues            = ["settlements.status.>", "settlements.confirmations"]
      routing_controls  = ["settlement-matching-processing-${var.region}", "trade-matching-inbound-us-east-1", "trade-matching-inbound-us-west-2"]
      secrets           = ["tradewind/settlement-matching/mq", "tradewind/settlement-matching/database"]
      publishes_metrics = true
      metric_namespaces = ["Tradewind", "settlement-matching-outbound-gateway"]
      operator          = false
    }
    "trade-generator" = {
      streams_read      = []
      streams_written   = []
      tables_read       = []
      tables_written    = []
      ensured_tables    = []
      queues            = ["trades.inbound"]
      routing_controls  = ["generator"]
      secrets           = []
      publishes_metrics = false
      metric_namespaces = []
      operator          = false
    }
    "reconciliation-replay-trade-matching" = {
      streams_read      = []
      streams_written   = ["trade-matching-ingestion"]
      tables_read       = ["trade-matching-inbound-journal"]
      tables_written    = ["trade-matching-reconciliation-audit"]
      ensured_tables    = []
      queues            = []
      routing_controls  = []
      secrets           = []
      publishes_metrics = false
      metric_namespaces = []
      operator          = false
    }
    "reconciliation-replay-settlement-matching" = {
      streams_read      = []
      streams_written   = ["settlement-matching-ingestion"]
      tables_read       = ["settlement-matching-inbound-journal"]
      tables_written    = ["settlement-matching-reconciliation-audit"]
      ensured_tables    = []
      queues            = []
      routing_controls  = []
      secrets           = []
      publishes_metrics = false
      metric_namespaces = []
      operator          = false
    }
    "ops-console" = {
      streams_read      = []
      streams_written   = ["trade-matching-ingestion", "trade-matching-matching", "trade-matching-egress", "trade-matching-outbound-gateway", "settlement-matching-ingestion", "settlement-matching-matching", "settlement-matching-egress", "settlement-matching-outbound-gateway"]
      tables_read       = ["trade-matching-inbound-journal", "trade-matching-reconciliation-audit", "settlement-matching-inbound-journal", "settlement-matching-reconciliation-audit", "tradewind-participants"]
      tables_written    = ["trade-matching-reconciliation-audit", "settlement-matching-reconciliation-audit", "tradewind-participants"]
      ensured_tables    = ["ops-rotation-audit", "ops-rotation-lease"]
      queues            = ["trades.inbound", "settlements.confirmations", "settlements.inbound"]
      routing_controls  = ["trade-matching-inbound-us-east-1", "trade-matching-inbound-us-west-2", "trade-matching-processing-us-east-1", "trade-matching-processing-us-west-2", "settlement-matching-inbound-us-east-1", "settlement-matching-inbound-us-west-2", "settlement-matching-processing-us-east-1", "settlement-matching-processing-us-west-2", "generator"]
      secrets           = ["tradewind/trade-matching/database", "tradewind/settlement-matching/database", "tradewind/ops-console/users"]
      publishes_metrics = false
      metric_namespaces = []
      operator          = true
    }
  }
}
