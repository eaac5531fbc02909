# The ops console's access. Without console_oidc it checks its own users (the secret tradewind/ops-console/users):
# operators reach it from inside the VPC. With console_oidc an internal Application Load Balancer signs each browser
# in with the OIDC provider (authenticate-oidc) and forwards it with the user's identity in x-amzn-oidc-identity; the
# console runs in proxy mode and believes that header from the load balancer's subnets only. That is safe because the
# console's port admits the load balancer's security group and nothing else (the tasks' group has no other ingress),
# and the load balancer replaces any x-amzn-oidc-* header a client sends (README: "The console behind OIDC").
locals {
  console_service     = "ops-console"
  console_behind_oidc = var.console_oidc != null

  # The console's tradewind.console.auth settings (SPRING_APPLICATION_JSON), one string either way.
  console_access = local.console_behind_oidc ? jsonencode({ tradewind = { console = { auth = {
    mode = "proxy"
    proxy = {
      "user-header"       = "x-amzn-oidc-identity"
      "trusted-addresses" = [for subnet in data.aws_subnet.console_load_balancer : subnet.cidr_block]
      "role-users"        = { OPERATOR = var.console_oidc.operators, VIEWER = var.console_oidc.viewers }
    }
  } } } }) : jsonencode({ tradewind = { console = { auth = { mode = "users" } } } })
}

data "aws_subnet" "console_load_balancer" {
  for_each = local.console_behind_oidc ? toset(var.subnet_ids) : toset([])

  id = each.value
}

resource "aws_security_group" "console_load_balancer" {
  count = local.console_behind_oidc ? 1 : 0

  name        = "tradewind-console-lb-${var.region}"
  description = "The ops console's OIDC load balancer"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "console_load_balancer_https" {
  for_each = local.console_behind_oidc ? toset(var.console_oidc.allowed_cidrs) : toset([])

  security_group_id = aws_security_group.console_load_balancer[0].id
  description       = "HTTPS from the operators' networks"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "console_load_balancer_to_console" {
  count = local.console_behind_oidc ? 1 : 0

  security_group_id            = aws_security_group.console_load_balancer[0].id
  description                  = "The console's port"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.tasks.id
}

# The one way in to a task: the console's port, from the load balancer.
resource "aws_vpc_security_group_ingress_rule" "tasks_from_console_load_balancer" {
  count = local.console_behind_oidc ? 1 : 0

  security_group_id            = aws_security_group.tasks.id
  description                  = "The ops console's port from its OIDC load balancer only"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.console_load_balancer[0].id
}

resource "aws_lb" "console" {
  count = local.console_behind_oidc ? 1 : 0

  name                       = "tradewind-console-${var.region}"
  internal                   = true
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.console_load_balancer[0].id]
  subnets                    = var.subnet_ids
  drop_invalid_header_fields = true
  tags                       = local.tags
}

resource "aws_lb_target_group" "console" {
  count = local.console_behind_oidc ? 1 : 0

  name        = "tradewind-console-${var.region}"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path    = "/actuator/health/readiness"
    matcher = "200"
  }

  tags = local.tags
}

resource "aws_lb_listener" "console" {
  count = local.console_behind_oidc ? 1 : 0

  load_balancer_arn = aws_lb.console[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.console_oidc.certificate_arns[var.region]

  default_action {
    type  = "authenticate-oidc"
    order = 1

    authenticate_oidc {
      issuer                     = var.console_oidc.issuer
      authorization_endpoint     = var.console_oidc.authorization_endpoint
      token_endpoint             = var.console_oidc.token_endpoint
      user_info_endpoint         = var.console_oidc.user_info_endpoint
      client_id                  = var.console_oidc.client_id
      client_secret              = var.console_oidc_client_secret
      on_unauthenticated_request = "authenticate"
      scope                      = "openid email"
    }
  }

  default_action {
    type             = "forward"
    order            = 2
    target_group_arn = aws_lb_target_group.console[0].arn
  }

  tags = local.tags
}
