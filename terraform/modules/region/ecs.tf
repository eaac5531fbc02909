# One Fargate cluster per region. Each matching app's stage is a service of its own (the image is the app's, the stage
# is TRADEWIND_<APP>_STAGES); the generator is a service at desired count 0; reconciliation-replay is a task
# definition per app that the runbook runs (aws ecs run-task); the ops console is a service (its API and dashboard on
# 8080, behind the OIDC load balancer of console.tf when there is one) that operators also exec into.
resource "aws_ecs_cluster" "tradewind" {
  name = "tradewind"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = local.tags
}

resource "aws_ecs_cluster_capacity_providers" "tradewind" {
  cluster_name       = aws_ecs_cluster.tradewind.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

# One log group per deployable; each task writes under its service's name.
resource "aws_cloudwatch_log_group" "deployable" {
  for_each = toset(distinct([for task in local.tasks : task.log_group]))

  name              = "/tradewind/${each.key}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_ecs_task_definition" "task" {
  for_each = local.tasks

  family                   = "tradewind-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  task_role_arn            = aws_iam_role.task[each.key].arn
  execution_role_arn       = aws_iam_role.execution[each.key].arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = each.key
      image     = "${var.image_registry}/${each.value.image}:${var.image_tag}"
      essential = true
      command   = length(each.value.command) > 0 ? each.value.command : null
      portMappings = each.value.container_port == null ? [] : [
        { containerPort = each.value.container_port, protocol = "tcp" }
      ]
      environment = [for name, value in each.value.environment : { name = name, value = value }]
      secrets = [
        for name, from in each.value.secret_environment : {
          name      = name
          valueFrom = "${var.secret_arns[from.secret]}:${from.key}::"
        }
      ]
      # Liveness: ECS replaces a task whose check fails, and a stage held by a dependency that is down is not helped
      # by a new task. The check is the images' own small JVM (HealthCheck), not curl.
      healthCheck = each.value.container_port == null ? null : {
        command     = ["CMD", "java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", "@/app/jib-classpath-file", "io.tradewind.platform.probe.HealthCheck", "liveness"]
        interval    = 15
        timeout     = 5
        retries     = 4
        startPeriod = 120
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.deployable[each.value.log_group].name
          awslogs-region        = var.region
          awslogs-stream-prefix = each.key
        }
      }
    }
  ])

  tags = local.tags
}

resource "aws_ecs_service" "service" {
  for_each = { for name, task in local.tasks : name => task if task.service }

  name                   = each.key
  cluster                = aws_ecs_cluster.tradewind.id
  task_definition        = aws_ecs_task_definition.task[each.key].arn
  desired_count          = each.value.desired_count
  launch_type            = "FARGATE"
  enable_execute_command = local.footprints[each.key].operator
  propagate_tags         = "SERVICE"

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = each.key == local.console_service && local.console_behind_oidc ? [each.value.container_port] : []

    content {
      target_group_arn = aws_lb_target_group.console[0].arn
      container_name   = each.key
      container_port   = load_balancer.value
    }
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  tags = local.tags
}
