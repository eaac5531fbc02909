#!/bin/sh
# LocalStack's ready hook (docker-compose.yml mounts it in /etc/localstack/init/ready.d): the participant registry with the
# demo participants, as the ops console's "participant add" leaves them (table tradewind-participants, key participantId;
# DynamoDbParticipantRegistry). Their broker users are in docker/activemq/activemq.xml. The apps create every other
# stream and table themselves (tradewind.provision-resources); this table too, if it is missing, with the same key.
# ComposeFileTest checks the table, key and participants against the code.
set -eu

TABLE=tradewind-participants
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)

awslocal dynamodb create-table --table-name "$TABLE" --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=participantId,AttributeType=S \
    --key-schema AttributeName=participantId,KeyType=HASH >/dev/null 2>&1 || true
awslocal dynamodb wait table-exists --table-name "$TABLE"

put_participant() {
    awslocal dynamodb put-item --table-name "$TABLE" \
        --condition-expression "attribute_not_exists(participantId)" \
        --item "{\"participantId\":{\"S\":\"$1\"},\"roles\":{\"SS\":[\"$2\"]},\"status\":{\"S\":\"ACTIVE\"},\"onboardedAt\":{\"S\":\"$NOW\"},\"changedAt\":{\"S\":\"$NOW\"}}" \
        >/dev/null 2>&1 || true
}

put_participant BRK001 BROKER
put_participant BRK002 BROKER
put_participant BRK003 BROKER
put_participant BRK004 BROKER
put_participant BRK005 BROKER
put_participant BRK042 BROKER
put_participant IM001 INVESTMENT_MANAGER
put_participant IM002 INVESTMENT_MANAGER
put_participant IM003 INVESTMENT_MANAGER
put_participant IM004 INVESTMENT_MANAGER
put_participant IM005 INVESTMENT_MANAGER
put_participant IM006 INVESTMENT_MANAGER
put_participant IM007 INVESTMENT_MANAGER
put_participant IM008 INVESTMENT_MANAGER
put_participant IM009 INVESTMENT_MANAGER
put_participant IM010 INVESTMENT_MANAGER
put_participant IM042 INVESTMENT_MANAGER
put_participant DESK001 SETTLEMENT_DESK
echo "tradewind: participant registry ready"
