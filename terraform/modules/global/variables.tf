variable "primary_region" {
  description = "Where the apps run first and Aurora's writer is at the start."
  type        = string
}

variable "secondary_region" {
  description = "The standby region."
  type        = string
}

variable "witness_region" {
  description = "The send ledgers' witness: the third region of the primary's and secondary's region set, which multi-Region strong consistency needs."
  type        = string
}

variable "vpc_ids" {
  description = "Each region's VPC, by region."
  type        = map(string)
}

variable "database_subnet_ids" {
  description = "Each region's private subnets for Aurora (at least two availability zones), by region."
  type        = map(list(string))
}

variable "aurora_engine_version" {
  description = "Aurora PostgreSQL's engine version; it must support global databases."
  type        = string
  default     = "16.6"
}

variable "aurora_instance_class" {
  description = "The instance class of every Aurora instance (global databases need memory-optimized classes)."
  type        = string
  default     = "db.r6g.large"
}

variable "aurora_instances_per_cluster" {
  description = "Instances in each region's cluster of each app: the writer (or the secondary's reader) and its replicas."
  type        = number
  default     = 2
}

variable "database_username" {
  description = "Aurora's master user, which the apps and reconciliation log in as."
  type        = string
  default     = "tradewind"
}

variable "actuator_username" {
  description = "The user the matching apps' actuators ask for beyond their health probes (tradewind/actuator)."
  type        = string
  default     = "tradewind-ops"
}

variable "deletion_protection" {
  description = "Protect the tables and databases against deletion: turn off only to tear a test deployment down."
  type        = bool
  default     = true
}

variable "participant_ids" {
  description = "The ids of the participants whose broker users the region modules declare."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
