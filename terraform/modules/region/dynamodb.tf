# KCL's lease table of each stream consumer, named after the consumer (the stage's component, which is also its
# stream's name), with the owner index KCL 3 needs: made here so KCL does not wait for the index at a first start
# (KclLeaseTable). KCL makes its two other tables, <consumer>-CoordinatorState and <consumer>-WorkerMetricStats, itself
# at the first start; each consumer's role may create exactly those (footprints.tf, ensured_tables). These tables are
# regional: each region's consumers keep their own leases on their own streams.
locals {
  kcl_lease_key   = "leaseKey"
  kcl_lease_owner = "leaseOwner"
  kcl_owner_index = "LeaseOwnerToLeaseKeyIndex"
  kcl_table_suffixes = {
    coordinator_state = "-CoordinatorState"
    worker_metrics    = "-WorkerMetricStats"
  }
}

resource "aws_dynamodb_table" "kcl_leases" {
  for_each = toset(local.streams)

  name         = each.key
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = local.kcl_lease_key

  attribute {
    name = local.kcl_lease_key
    type = "S"
  }

  attribute {
    name = local.kcl_lease_owner
    type = "S"
  }

  global_secondary_index {
    name            = local.kcl_owner_index
    hash_key        = local.kcl_lease_owner
    range_key       = local.kcl_lease_key
    projection_type = "KEYS_ONLY"
  }

  tags = local.tags
}
