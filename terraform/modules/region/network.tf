# The tasks reach the brokers (OpenWire over TLS, 61617) and Aurora (5432); nothing reaches the tasks but the ops
# console's OIDC load balancer, when there is one, on the console's port (console.tf). The database admits the tasks'
# security group only; the brokers admit it and the participants' networks, on each protocol Amazon MQ for ActiveMQ
# serves that a participant's client may speak (all over TLS).
resource "aws_security_group" "tasks" {
  name        = "tradewind-tasks-${var.region}"
  description = "Tradewind's ECS tasks"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_egress_rule" "tasks_anywhere" {
  security_group_id = aws_security_group.tasks.id
  description       = "AWS APIs (through the VPC's NAT or endpoints), the brokers and the database"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "brokers" {
  name        = "tradewind-brokers-${var.region}"
  description = "Tradewind's Amazon MQ brokers"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "brokers_from_tasks" {
  security_group_id            = aws_security_group.brokers.id
  description                  = "OpenWire over TLS from the tasks"
  ip_protocol                  = "tcp"
  from_port                    = 61617
  to_port                      = 61617
  referenced_security_group_id = aws_security_group.tasks.id
}

locals {
  # Amazon MQ for ActiveMQ's TLS ports of the protocols participants use; MQTT and WebSocket stay closed.
  participant_protocols = { openwire = 61617, amqp = 5671, stomp = 61614 }
  participant_rules = {
    for pair in setproduct(var.participant_cidr_blocks, keys(local.participant_protocols)) :
    "${pair[1]} from ${pair[0]}" => { cidr = pair[0], port = local.participant_protocols[pair[1]], protocol = pair[1] }
  }
}

resource "aws_vpc_security_group_ingress_rule" "brokers_from_participants" {
  for_each          = local.participant_rules
  security_group_id = aws_security_group.brokers.id
  description       = "${each.value.protocol} over TLS from participants in ${each.value.cidr}"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}

resource "aws_vpc_security_group_ingress_rule" "database_from_tasks" {
  security_group_id            = var.database_security_group_id
  description                  = "PostgreSQL from Tradewind's tasks in ${var.region}"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.tasks.id
}
