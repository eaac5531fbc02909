# The streams between the stages: one into each stage after the inbound gateway, per app.
locals {
  streams = [
    "trade-matching-ingestion",
    "trade-matching-matching",
    "trade-matching-egress",
    "trade-matching-outbound-gateway",
    "settlement-matching-ingestion",
    "settlement-matching-matching",
    "settlement-matching-egress",
    "settlement-matching-outbound-gateway",
  ]
}

resource "aws_kinesis_stream" "stage" {
  for_each = toset(local.streams)

  name             = each.key
  shard_count      = lookup(var.stream_shards, each.key, var.default_stream_shards)
  retention_period = var.stream_retention_hours
  encryption_type  = "KMS"
  kms_key_id       = "alias/aws/kinesis"

  stream_mode_details {
    stream_mode = "PROVISIONED"
  }

  tags = local.tags
}
