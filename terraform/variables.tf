variable "networks" {
  description = "Each region's network, by region: the VPC, private subnets for the tasks and brokers (two or more AZs), and private subnets for Aurora."
  type = map(object({
    vpc_id              = string
    subnet_ids          = list(string)
    database_subnet_ids = list(string)
  }))
}

variable "image_registry" {
  description = "The registry holding the images tradewind/<deployable>, e.g. 111122223333.dkr.ecr.us-east-1.amazonaws.com."
  type        = string
}

variable "image_tag" {
  description = "The images' tag, e.g. the release's version."
  type        = string
}

variable "stream_shards" {
  description = "Shards per Kinesis stream, by stream name (e.g. trade-matching-ingestion); the others get default_stream_shards."
  type        = map(number)
  default     = {}
}

variable "default_stream_shards" {
  description = "Shards of each stream stream_shards does not name."
  type        = number
  default     = 2
}

variable "stage_desired_count" {
  description = "Tasks per stage service, in each region."
  type        = number
  default     = 1
}

variable "generator_desired_count" {
  description = "Tasks of the trade generator per region: 0 until wanted, then 1 in one region only."
  type        = map(number)
  default     = {}
}

variable "mq_instance_type" {
  description = "The brokers' instance type."
  type        = string
  default     = "mq.m5.large"
}

variable "aurora_instance_class" {
  description = "Aurora's instance class."
  type        = string
  default     = "db.r6g.large"
}

variable "aurora_engine_version" {
  description = "Aurora PostgreSQL's engine version."
  type        = string
  default     = "16.6"
}

variable "dns_zone_id" {
  description = "The Route 53 hosted zone of the names counterparties connect to."
  type        = string
}

variable "dns_zone_name" {
  description = "That zone's name, e.g. tradewind.example.com."
  type        = string
}

variable "alarm_actions" {
  description = "Where every alarm goes (e.g. SNS topics' ARNs), by region."
  type        = map(list(string))
  default     = {}
}

variable "deletion_protection" {
  description = "Protect the tables and databases against deletion: false only for a test deployment."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = { application = "tradewind" }
}

variable "participant_networks" {
  description = "The address ranges (CIDR) participants' back offices connect from, by region (through a VPN, Direct Connect or peering into the brokers' VPC). Each may reach its region's brokers over TLS on OpenWire (61617), AMQP 1.0 (5671) and STOMP (61614); none: only Tradewind's own tasks reach them."
  type        = map(list(string))
  default     = {}
}

variable "participants" {
  description = "The participants that connect to the brokers, id => roles (BROKER, INVESTMENT_MANAGER, SETTLEMENT_DESK). Each gets, on every broker, a user in its roles' groups and its own, and the authorization entries of its status queues; the ops console's `participant add` then issues its secret and registers it (README: \"Brokers: configuration, users and participants\")."
  type        = map(list(string))
  default     = {}

  # A participant id of the wire contract (at most 32 of [A-Za-z0-9._:/-]) that Amazon MQ takes as a user name and in
  # a group's name (2 to 100 of [A-Za-z0-9._~-]).
  validation {
    condition     = alltrue([for id in keys(var.participants) : can(regex("^[A-Za-z0-9._-]{2,32}$", id))])
    error_message = "A participant id is 2 to 32 letters, digits, dots, underscores or hyphens."
  }

  validation {
    condition     = alltrue([for id in keys(var.participants) : !contains(["trade-matching", "settlement-matching", "ops-console", "unidentified", "unknown"], lower(id))])
    error_message = "A participant id may not be a service's broker user (trade-matching, settlement-matching, ops-console) nor stand for no one (unidentified, unknown)."
  }

  validation {
    condition     = alltrue([for roles in values(var.participants) : length(roles) > 0 && alltrue([for role in roles : contains(["BROKER", "INVESTMENT_MANAGER", "SETTLEMENT_DESK"], role)])])
    error_message = "Each participant has one or more of the roles BROKER, INVESTMENT_MANAGER and SETTLEMENT_DESK."
  }
}

variable "console_oidc" {
  description = "Optional: put each region's ops console behind an internal Application Load Balancer that signs users in with your OpenID Connect provider (authenticate-oidc) and passes their identity (x-amzn-oidc-identity, the OIDC subject) to the console, which then runs in proxy mode. operators and viewers list subjects. Null: no load balancer; the console's own users sign in (reach it from inside the VPC). README: \"The console behind OIDC\"."
  type = object({
    issuer                 = string
    authorization_endpoint = string
    token_endpoint         = string
    user_info_endpoint     = string
    client_id              = string
    certificate_arns       = map(string)
    allowed_cidrs          = list(string)
    operators              = list(string)
    viewers                = optional(list(string), [])
  })
  default = null
}

variable "console_oidc_client_secret" {
  description = "The OIDC client's secret, with console_oidc. The load balancer's listener holds it, so it is in the Terraform state: keep the state encrypted and private."
  type        = string
  default     = null
  sensitive   = true
}
