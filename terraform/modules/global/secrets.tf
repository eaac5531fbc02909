# The logins the services read from Secrets Manager, each {"username": ..., "password": ...}, made in the primary
# region and replicated to the secondary, so a task finds its secret by name in its own region: each service's broker
# user (both regions' brokers have the same users), each app's database, and the actuators'. The passwords are
# generated here, and so are in the Terraform state: keep the state encrypted and private.
locals {
  secrets = {
    "tradewind/trade-matching/mq"            = { username = "trade-matching", broker_user = true }
    "tradewind/settlement-matching/mq"       = { username = "settlement-matching", broker_user = true }
    "tradewind/ops-console/mq"               = { username = "ops-console", broker_user = true }
    "tradewind/trade-matching/database"      = { username = var.database_username, broker_user = false }
    "tradewind/settlement-matching/database" = { username = var.database_username, broker_user = false }
    "tradewind/actuator"                     = { username = var.actuator_username, broker_user = false }
  }

  # Set by the platform team, not generated: see aws_secretsmanager_secret.console_users.
  console_users_secret = "tradewind/ops-console/users"
}

# Letters and digits only: Amazon MQ refuses a comma, colon or equals sign, Aurora a slash, quote, at sign or space.
resource "random_password" "login" {
  for_each = local.secrets

  length  = 40
  special = false
}

resource "aws_secretsmanager_secret" "login" {
  provider = aws.primary
  for_each = local.secrets

  name                    = each.key
  description             = "Tradewind: a service's login (username and password)"
  recovery_window_in_days = 7

  replica {
    region = var.secondary_region
  }

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "login" {
  provider = aws.primary
  for_each = local.secrets

  secret_id = aws_secretsmanager_secret.login[each.key].id
  secret_string = jsonencode({
    username = each.value.username
    password = random_password.login[each.key].result
  })
}

# The password each participant's broker user is created with (the same on every broker). It is in no secret and
# nobody is given it: the ops console's `participant add` replaces it with the secret it hands the participant, and
# Terraform, which cannot read a broker user's password back, leaves that one alone.
resource "random_password" "participant" {
  for_each = toset(var.participant_ids)

  length  = 40
  special = false
}

# The ops console's users (a JSON list of name, roles and BCrypt passwordHash), which the console service imports and
# its command line reads. Terraform makes the secret with an empty list and never learns its value: the platform team
# sets it (README: "The console's users"), and ignore_changes keeps a later apply from putting the empty list back.
# Until then the console answers its probes and refuses everyone else.
resource "aws_secretsmanager_secret" "console_users" {
  provider = aws.primary

  name                    = local.console_users_secret
  description             = "Tradewind: the ops console's users (name, roles, BCrypt password hash)"
  recovery_window_in_days = 7

  replica {
    region = var.secondary_region
  }

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "console_users" {
  provider = aws.primary

  secret_id     = aws_secretsmanager_secret.console_users.id
  secret_string = jsonencode([])

  lifecycle {
    ignore_changes = [secret_string]
  }
}
