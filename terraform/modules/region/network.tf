# The tasks reach the brokers (OpenWire over TLS, 61617) and Aurora (5432); nothing reaches the tasks but the ops
# console's OIDC load balancer, when there is one, on the console's port (console.tf). The brokers and the database
# admit the tasks' security group only.
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

resource "aws_vpc_security_group_ingress_rule" "database_from_tasks" {
  security_group_id            = var.database_security_group_id
  description                  = "PostgreSQL from Tradewind's tasks in ${var.region}"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.tasks.id
}
