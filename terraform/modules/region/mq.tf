# Each app's broker in this region: Amazon MQ for ActiveMQ, an active/standby pair across two availability zones,
# TLS only (ssl:// on 61617), private. Its users are Tradewind's services (io.tradewind.model.topology.Deployable's
# broker users), each with the password of its Secrets Manager secret; participants are added by the ops console's
# onboarding through Amazon MQ's user API.
locals {
  broker_users = ["trade-matching", "settlement-matching", "ops-console"]
}

resource "aws_mq_broker" "app" {
  for_each = toset(local.apps)

  broker_name                = "tradewind-${each.key}-${var.region}"
  engine_type                = "ActiveMQ"
  engine_version             = var.mq_engine_version
  host_instance_type         = var.mq_instance_type
  deployment_mode            = "ACTIVE_STANDBY_MULTI_AZ"
  publicly_accessible        = false
  subnet_ids                 = slice(var.subnet_ids, 0, 2)
  security_groups            = [aws_security_group.brokers.id]
  authentication_strategy    = "simple"
  auto_minor_version_upgrade = true

  encryption_options {
    use_aws_owned_key = true
  }

  logs {
    general = true
    audit   = true
  }

  dynamic "user" {
    for_each = toset(local.broker_users)

    content {
      username       = user.value
      password       = var.broker_passwords[user.value]
      console_access = false
    }
  }

  tags = local.tags
}
