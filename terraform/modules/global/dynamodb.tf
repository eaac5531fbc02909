# The DynamoDB global tables (io.tradewind.model.topology.AppTable and Tables), in the primary region with a replica
# in the secondary. Each is keyed as the code writes it.
locals {
  # Replicated after a lag (multi-Region eventual consistency); the later write wins when both regions write an item.
  eventually_consistent_tables = {
    "trade-matching-inbound-journal"           = "journalKey"
    "trade-matching-sent-log"                  = "messageId"
    "trade-matching-reconciliation-audit"      = "runId"
    "settlement-matching-inbound-journal"      = "journalKey"
    "settlement-matching-sent-log"             = "messageId"
    "settlement-matching-reconciliation-audit" = "runId"
    "tradewind-participants"                   = "participantId"
    "ops-rotation-audit"                       = "executionId"
  }

  # Every send before it is made (DynamoDbSendLedger): a write returns only once another region holds it.
  strongly_consistent_tables = ["trade-matching-send-ledger", "settlement-matching-send-ledger"]

  send_ledger_partition_key = "minute"
  send_ledger_sort_key      = "entry"

  # The runbook's lease (one rotation at a time): a conditional write that both regions must see at once, so it is
  # strongly consistent like the send ledgers, with the same witness. One item, keyed as the runbook writes it.
  rotation_lease_table = "ops-rotation-lease"
  rotation_lease_key   = "lease"
}

resource "aws_dynamodb_table" "eventually_consistent" {
  provider = aws.primary
  for_each = local.eventually_consistent_tables

  name                        = each.key
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = each.value
  deletion_protection_enabled = var.deletion_protection
  # Global tables (version 2019.11.21) replicate through the table's stream.
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = each.value
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  replica {
    region_name                 = var.secondary_region
    point_in_time_recovery      = true
    deletion_protection_enabled = var.deletion_protection
  }

  tags = var.tags
}

# Multi-Region strong consistency needs three regions of one region set: the two Tradewind runs in, and a witness,
# which takes part in every write's quorum but holds no readable replica. us-east-1, us-east-2 and us-west-2 are the
# US set, so the witness is us-east-2 (README: why).
resource "aws_dynamodb_table" "strongly_consistent" {
  provider = aws.primary
  for_each = toset(local.strongly_consistent_tables)

  name                        = each.key
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = local.send_ledger_partition_key
  range_key                   = local.send_ledger_sort_key
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = local.send_ledger_partition_key
    type = "S"
  }

  attribute {
    name = local.send_ledger_sort_key
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  replica {
    region_name                 = var.secondary_region
    consistency_mode            = "STRONG"
    point_in_time_recovery      = true
    deletion_protection_enabled = var.deletion_protection
  }

  global_table_witness {
    region_name = var.witness_region
  }

  tags = var.tags
}

resource "aws_dynamodb_table" "rotation_lease" {
  provider = aws.primary

  name                        = local.rotation_lease_table
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = local.rotation_lease_key
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = local.rotation_lease_key
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  replica {
    region_name                 = var.secondary_region
    consistency_mode            = "STRONG"
    point_in_time_recovery      = true
    deletion_protection_enabled = var.deletion_protection
  }

  global_table_witness {
    region_name = var.witness_region
  }

  tags = var.tags
}
