terraform {
  required_version = ">= 1.5.0"

  required_providers {
    # 6.22 is the first with DynamoDB global table witnesses (the send ledgers' multi-Region strong consistency).
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.22"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}
