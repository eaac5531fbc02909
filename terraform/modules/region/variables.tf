variable "region" {
  description = "The region this instance of the module serves, e.g. us-east-1."
  type        = string
}

variable "regions" {
  description = "Every region Tradewind runs in, primary first."
  type        = list(string)
}

variable "vpc_id" {
  description = "The VPC the region's services, brokers and database run in (the platform team's; this module builds none)."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of vpc_id in at least two availability zones, with a route to the AWS APIs (NAT or VPC endpoints). The brokers take the first two."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids needs subnets in at least two availability zones: the brokers are an active/standby pair."
  }
}

variable "image_registry" {
  description = "Where the images are, e.g. 111122223333.dkr.ecr.us-east-1.amazonaws.com: each is <registry>/tradewind/<deployable>:<tag>."
  type        = string
}

variable "image_tag" {
  description = "The tag of every image."
  type        = string
}

variable "stream_shards" {
  description = "Shards per Kinesis stream, by stream name; streams not named get default_stream_shards."
  type        = map(number)
  default     = {}
}

variable "default_stream_shards" {
  description = "Shards of a stream stream_shards does not name."
  type        = number
  default     = 2
}

variable "stream_retention_hours" {
  description = "How long a stream keeps its records: longer than the longest outage a stage may take to catch up from."
  type        = number
  default     = 48
}

variable "mq_instance_type" {
  description = "The brokers' instance type."
  type        = string
  default     = "mq.m5.large"
}

variable "mq_engine_version" {
  description = "Amazon MQ's ActiveMQ engine version."
  type        = string
  default     = "5.18"
}

variable "broker_passwords" {
  description = "Each service's broker password, by broker user (from its Secrets Manager secret): both regions' brokers have the same users."
  type        = map(string)
  sensitive   = true
}

variable "participants" {
  description = "The participants that connect to the brokers: id => roles (the root's var.participants)."
  type        = map(list(string))
  default     = {}
}

variable "participant_passwords" {
  description = "The password each participant's broker user is created with, by id: nobody is given it, `participant add` replaces it."
  type        = map(string)
  default     = {}
  sensitive   = true
}

variable "broker_urls" {
  description = "Every region's broker URL of each app (region => app => failover:(ssl://...) URL): each app's outbound gateway follows its peer's."
  type        = map(map(string))
}

variable "secret_arns" {
  description = "The ARN in this region of each secret, by its name (tradewind/<deployable>/mq, tradewind/<app>/database, tradewind/actuator, tradewind/ops-console/users)."
  type        = map(string)
}

variable "database_endpoints" {
  description = "Each app's Aurora cluster endpoint in this region, by app: the writer's, or the secondary's until a switchover."
  type        = map(string)
}

variable "database_cluster_ids" {
  description = "Each app's Aurora cluster identifier in this region, by app (its replication lag alarm reads it)."
  type        = map(string)
}

variable "database_security_group_id" {
  description = "The security group of this region's Aurora clusters: the module lets its tasks in on 5432."
  type        = string
}

variable "database_username" {
  description = "The user the apps and reconciliation log in to Aurora as (the secrets' username)."
  type        = string
}

variable "arc_cluster_endpoints" {
  description = "ARC's cluster endpoints (data plane), each https://...; the services try them in turn."
  type        = list(string)
}

variable "control_panel_arn" {
  description = "The ARN of the control panel holding every routing control."
  type        = string
}

variable "routing_control_arns" {
  description = "The ARN of each routing control, by name: on AWS an ARN ends in a generated id, not the name."
  type        = map(string)
}

variable "stage_desired_count" {
  description = "Tasks per stage service. More than one shares a stream's shards through KCL, and an inbound queue's messages."
  type        = number
  default     = 1
}

variable "generator_desired_count" {
  description = "Tasks of the trade generator: 0 until someone wants synthetic load, then 1 in one region only (its routing control is global)."
  type        = number
  default     = 0
}

variable "generator_rate" {
  description = "Trades per second the generator posts while its routing control is On."
  type        = number
  default     = 20
}

variable "ops_console_desired_count" {
  description = "Tasks of the ops console service (its API and dashboard; operators also run its command line in it with ECS Exec). One is enough: executions run on its threads, and the rotation lease keeps two consoles from rotating at once."
  type        = number
  default     = 1
}

variable "console_topology" {
  description = "The runbook topology (RunbookTopology's JSON, the root's runbook_topology) the ops console service reads from TRADEWIND_CONSOLE_TOPOLOGY."
  type        = string
}

variable "console_oidc" {
  description = "The root's console_oidc: an OIDC load balancer in front of the console (proxy mode), or null."
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
  description = "The OIDC client's secret, with console_oidc."
  type        = string
  default     = null
  sensitive   = true
}

variable "task_cpu" {
  description = "CPU units of each task (1024 = one vCPU)."
  type        = number
  default     = 1024
}

variable "task_memory" {
  description = "Memory of each task, in MiB."
  type        = number
  default     = 2048
}

variable "log_retention_days" {
  description = "How long the services' logs are kept."
  type        = number
  default     = 30
}

variable "stage_lag_alarm_millis" {
  description = "A stage further behind its stream than this, for three minutes, alarms."
  type        = number
  default     = 30000
}

variable "replication_lag_alarm_millis" {
  description = "Replication (global tables, Aurora) further behind than this, for three minutes, alarms: a rotation's pre-flight wants under 5 s."
  type        = number
  default     = 5000
}

variable "alarm_actions" {
  description = "Where alarms go, e.g. an SNS topic's ARN."
  type        = list(string)
  default     = []
}

variable "participant_cidr_blocks" {
  description = "The address ranges participants connect from; each reaches the brokers over TLS on OpenWire, AMQP 1.0 and STOMP."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}

variable "database_arns" {
  description = "The ARNs the runbook switches over: each app's Aurora global cluster and its clusters in every region."
  type        = list(string)
}

variable "broker_arns" {
  description = "Every region's broker ARNs (region => list): onboarding keeps the participants' users in step on all of them."
  type        = map(list(string))
}

variable "eventually_replicated_tables" {
  description = "The global tables replicated after a lag (all but the send ledgers, which are strongly consistent): their replication lag alarms."
  type        = list(string)
}
