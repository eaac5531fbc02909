# The names counterparties connect to: per app, one name per broker of its active/standby pair
# (mq-<app>-1.<zone>, mq-<app>-2.<zone>; a client lists both in failover:(ssl://...,ssl://...)), each a failover
# record answered with the broker of the region whose inbound routing control of the app is On (the health checks of
# the global module follow the controls). Amazon MQ's certificate names the broker's own host, not these: see the
# README on host name verification.
locals {
  broker_hosts = {
    (local.primary_region)   = module.us_east_1.broker_hosts
    (local.secondary_region) = module.us_west_2.broker_hosts
  }

  counterparty_records = {
    for entry in setproduct(["trade-matching", "settlement-matching"], [0, 1], local.regions) :
    "${entry[0]}-${entry[1] + 1}-${entry[2]}" => {
      app      = entry[0]
      instance = entry[1]
      region   = entry[2]
    }
  }
}

resource "aws_route53_record" "counterparties" {
  for_each = local.counterparty_records

  zone_id         = var.dns_zone_id
  name            = "mq-${each.value.app}-${each.value.instance + 1}.${var.dns_zone_name}"
  type            = "CNAME"
  ttl             = 30
  set_identifier  = each.value.region
  records         = [local.broker_hosts[each.value.region][each.value.app][each.value.instance]]
  health_check_id = module.global.inbound_health_check_ids[each.value.app][each.value.region]

  failover_routing_policy {
    type = each.value.region == local.primary_region ? "PRIMARY" : "SECONDARY"
  }
}
