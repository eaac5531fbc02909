# Each app's Aurora PostgreSQL global database (its schema, trade_matching or settlement_matching, in database
# tradewind): the writer cluster in the primary region, a secondary cluster in the other, which the runbook switches
# over (planned) or fails over to. After a switchover Aurora, not Terraform, knows which is the writer: the clusters
# ignore their replication source.
locals {
  apps          = ["trade-matching", "settlement-matching"]
  database_name = "tradewind"
}

data "aws_kms_alias" "rds_secondary" {
  provider = aws.secondary
  name     = "alias/aws/rds"
}

resource "aws_db_subnet_group" "primary" {
  provider   = aws.primary
  name       = "tradewind-${var.primary_region}"
  subnet_ids = var.database_subnet_ids[var.primary_region]
  tags       = var.tags
}

resource "aws_db_subnet_group" "secondary" {
  provider   = aws.secondary
  name       = "tradewind-${var.secondary_region}"
  subnet_ids = var.database_subnet_ids[var.secondary_region]
  tags       = var.tags
}

# Each region's module lets its tasks in.
resource "aws_security_group" "database_primary" {
  provider    = aws.primary
  name        = "tradewind-database-${var.primary_region}"
  description = "Tradewind's Aurora clusters"
  vpc_id      = var.vpc_ids[var.primary_region]
  tags        = var.tags
}

resource "aws_security_group" "database_secondary" {
  provider    = aws.secondary
  name        = "tradewind-database-${var.secondary_region}"
  description = "Tradewind's Aurora clusters"
  vpc_id      = var.vpc_ids[var.secondary_region]
  tags        = var.tags
}

resource "aws_rds_global_cluster" "app" {
  provider = aws.primary
  for_each = toset(local.apps)

  global_cluster_identifier = "tradewind-${each.key}"
  engine                    = "aurora-postgresql"
  engine_version            = var.aurora_engine_version
  database_name             = local.database_name
  storage_encrypted         = true
  deletion_protection       = var.deletion_protection
}

resource "aws_rds_cluster" "primary" {
  provider = aws.primary
  for_each = toset(local.apps)

  cluster_identifier        = "tradewind-${each.key}-${var.primary_region}"
  global_cluster_identifier = aws_rds_global_cluster.app[each.key].id
  engine                    = aws_rds_global_cluster.app[each.key].engine
  engine_version            = aws_rds_global_cluster.app[each.key].engine_version
  database_name             = local.database_name
  master_username           = var.database_username
  master_password           = random_password.login["tradewind/${each.key}/database"].result
  db_subnet_group_name      = aws_db_subnet_group.primary.name
  vpc_security_group_ids    = [aws_security_group.database_primary.id]
  storage_encrypted         = true
  backup_retention_period   = 7
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.deletion_protection
  final_snapshot_identifier = "tradewind-${each.key}-${var.primary_region}-final"
  tags                      = var.tags

  lifecycle {
    ignore_changes = [replication_source_identifier, global_cluster_identifier]
  }
}

resource "aws_rds_cluster_instance" "primary" {
  provider = aws.primary
  for_each = { for pair in setproduct(local.apps, range(var.aurora_instances_per_cluster)) : "${pair[0]}-${pair[1]}" => pair[0] }

  identifier           = "tradewind-${each.key}-${var.primary_region}"
  cluster_identifier   = aws_rds_cluster.primary[each.value].id
  instance_class       = var.aurora_instance_class
  engine               = aws_rds_cluster.primary[each.value].engine
  engine_version       = aws_rds_cluster.primary[each.value].engine_version
  db_subnet_group_name = aws_db_subnet_group.primary.name
  tags                 = var.tags
}

resource "aws_rds_cluster" "secondary" {
  provider = aws.secondary
  for_each = toset(local.apps)

  cluster_identifier        = "tradewind-${each.key}-${var.secondary_region}"
  global_cluster_identifier = aws_rds_global_cluster.app[each.key].id
  engine                    = aws_rds_global_cluster.app[each.key].engine
  engine_version            = aws_rds_global_cluster.app[each.key].engine_version
  db_subnet_group_name      = aws_db_subnet_group.secondary.name
  vpc_security_group_ids    = [aws_security_group.database_secondary.id]
  storage_encrypted         = true
  kms_key_id                = data.aws_kms_alias.rds_secondary.target_key_arn
  backup_retention_period   = 7
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.deletion_protection
  final_snapshot_identifier = "tradewind-${each.key}-${var.secondary_region}-final"
  tags                      = var.tags

  # A secondary joins once the writer has an instance to replicate from.
  depends_on = [aws_rds_cluster_instance.primary]

  lifecycle {
    ignore_changes = [replication_source_identifier, global_cluster_identifier]
  }
}

resource "aws_rds_cluster_instance" "secondary" {
  provider = aws.secondary
  for_each = { for pair in setproduct(local.apps, range(var.aurora_instances_per_cluster)) : "${pair[0]}-${pair[1]}" => pair[0] }

  identifier           = "tradewind-${each.key}-${var.secondary_region}"
  cluster_identifier   = aws_rds_cluster.secondary[each.value].id
  instance_class       = var.aurora_instance_class
  engine               = aws_rds_cluster.secondary[each.value].engine
  engine_version       = aws_rds_cluster.secondary[each.value].engine_version
  db_subnet_group_name = aws_db_subnet_group.secondary.name
  tags                 = var.tags
}
