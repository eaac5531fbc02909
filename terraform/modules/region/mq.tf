# Each app's broker in this region: Amazon MQ for ActiveMQ, an active/standby pair across two availability zones,
# TLS only (ssl:// on 61617), private, running its configuration below.
#
# Its users are Tradewind's services (io.tradewind.model.topology.Deployable's broker users), each with the password of
# its Secrets Manager secret, and the participants of var.participants, each with a password nobody is given: the ops
# console's `participant add` issues the participant's secret (README: "Brokers: configuration, users and
# participants"). Every user is in the groups io.tradewind.model.participant.BrokerAccessPolicy gives it, which the
# configuration's authorization map grants. Amazon MQ applies a change of users or configuration at the broker's next
# reboot (its maintenance window, or `aws mq reboot-broker`).
locals {
  # BrokerAccessPolicy.groupsOf(ServiceIdentity): every user's group and the service's own.
  broker_users = {
    "trade-matching"      = ["authenticated", "service.trade-matching"]
    "settlement-matching" = ["authenticated", "service.settlement-matching"]
    "ops-console"         = ["authenticated", "service.ops-console"]
  }

  # BrokerAccessPolicy.groupsOf(Participant): every user's group, the participant's own and its roles'.
  participant_users = {
    for id, roles in var.participants : id => distinct(concat(["authenticated", "participant.${id}"], roles))
  }
}

# The broker's configuration: BrokerAccessPolicy's authorization map (the services' and roles' entries, and each
# participant's status queues), JMSXUserID stamped with the authenticated user (the inbound gateways bind a message to
# its sender by it), the shared queues from the start and every queue mirrored to its topic, as the sandbox's broker
# has them. broker-configuration.xml.tftpl is generated from BrokerAccessPolicy by the deployment module, which fails
# the build when the file differs from the policy: do not edit it by hand.
resource "aws_mq_configuration" "app" {
  for_each = toset(local.apps)

  name                    = "tradewind-${each.key}-${var.region}"
  description             = "Tradewind ${each.key}: authorization map, JMSXUserID, shared queues, mirror topics"
  engine_type             = "ActiveMQ"
  engine_version          = var.mq_engine_version
  authentication_strategy = "simple"
  data                    = templatefile("${path.module}/broker-configuration.xml.tftpl", { participants = keys(var.participants) })

  tags = local.tags
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

  configuration {
    id       = aws_mq_configuration.app[each.key].id
    revision = aws_mq_configuration.app[each.key].latest_revision
  }

  encryption_options {
    use_aws_owned_key = true
  }

  logs {
    general = true
    audit   = true
  }

  # Terraform keeps exactly these users on the broker: a user made elsewhere (the ops console's `participant add` of an
  # id missing from var.participants) is deleted at the next apply.
  dynamic "user" {
    for_each = merge(local.broker_users, local.participant_users)

    content {
      username       = user.key
      password       = merge(var.participant_passwords, var.broker_passwords)[user.key]
      groups         = user.value
      console_access = false
    }
  }

  tags = local.tags
}
