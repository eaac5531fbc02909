package io.tradewind.platform.participant;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.ParticipantStatus;
import io.tradewind.model.participant.Role;
import io.tradewind.model.topology.Tables;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.wire.WireLimits;
import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.platform.resilience.DependencyGuard;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The participant registry in the DynamoDB global table {@value Tables#PARTICIPANTS}, one item per participant keyed by
 * its id: its roles (a string set), status and times. A global table, so the registry is the same in every region and
 * survives a rotation; it is written in one region at a time (the ops console's). Every read is consistent; an id that
 * is not a participant id of the wire contract is answered as absent without a read, so no hostile sender reaches the
 * table. It holds no secret.
 */
public final class DynamoDbParticipantRegistry implements ParticipantRegistry {
    public static final String KEY = "participantId";
    private static final String ROLES = "roles";
    private static final String STATUS = "status";
    private static final String ONBOARDED_AT = "onboardedAt";
    private static final String CHANGED_AT = "changedAt";
    /** DynamoDB's limit of keys per BatchGetItem. */
    private static final int MAX_KEYS_PER_READ = 100;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DependencyGuard guard;

    public DynamoDbParticipantRegistry(DynamoDbClient dynamoDb, String tableName, DependencyGuard guard) {
        if (dynamoDb == null) throw new IllegalArgumentException("dynamoDb is null");
        if (tableName == null || tableName.isBlank()) throw new IllegalArgumentException("tableName is blank");
        if (guard == null) throw new IllegalArgumentException("guard is null");
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.guard = guard;
    }

    /** The registry in {@value Tables#PARTICIPANTS}, retried and broken as any DynamoDB dependency. */
    public static DynamoDbParticipantRegistry of(DynamoDbClient dynamoDb) {
        return new DynamoDbParticipantRegistry(
                dynamoDb, Tables.PARTICIPANTS, DependencyGuard.forDependency("dynamodb"));
    }

    /** Creates the table unless it exists (the sandbox; Terraform creates it on AWS, as a global table). */
    public void provision() {
        new Provisioner(null, dynamoDb).ensureTable(tableName, KEY);
    }

    @Override
    public void add(Participant participant) {
        if (!addIfAbsent(participant))
            throw new ParticipantExistsException(participant.id().value());
    }

    /** Adds the participant unless the registry holds its id already; whether it added it. */
    public boolean addIfAbsent(Participant participant) {
        return guard.call(() -> {
            try {
                dynamoDb.putItem(b -> b.tableName(tableName)
                        .item(itemOf(participant))
                        .conditionExpression("attribute_not_exists(" + KEY + ")"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }

    @Override
    public Map<String, Participant> findAll(Collection<String> participantIds) {
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(participantIds.stream()
                .filter(id -> WireLimits.isValidId(id, WireLimits.MAX_PARTICIPANT_ID_LENGTH))
                .toList()));
        if (keys.isEmpty()) return Map.of();
        Map<String, Participant> found = new HashMap<>();
        for (Map<String, AttributeValue> item : guard.call(() -> itemsOf(keys))) {
            Participant participant = participantOf(item);
            found.put(participant.id().value(), participant);
        }
        return found;
    }

    /** The items of these distinct keys, read consistently 100 keys a request. */
    private List<Map<String, AttributeValue>> itemsOf(List<String> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_READ) {
            KeysAndAttributes ask = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_READ)).stream()
                            .map(key -> Map.of(KEY, AttributeValue.fromS(key)))
                            .toList())
                    .consistentRead(true)
                    .build();
            Map<String, KeysAndAttributes> request = Map.of(tableName, ask);
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(current));
                items.addAll(response.responses().getOrDefault(tableName, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    @Override
    public List<Participant> list() {
        List<Map<String, AttributeValue>> items = guard.call(
                () -> dynamoDb.scanPaginator(b -> b.tableName(tableName).consistentRead(true)).items().stream()
                        .toList());
        return items.stream()
                .map(DynamoDbParticipantRegistry::participantOf)
                .sorted(Comparator.comparing(participant -> participant.id().value()))
                .toList();
    }

    @Override
    public Participant setStatus(String participantId, ParticipantStatus status, Instant at) {
        if (status == null) throw new IllegalArgumentException("status is null");
        if (!WireLimits.isValidId(participantId, WireLimits.MAX_PARTICIPANT_ID_LENGTH))
            throw new UnknownParticipantException(participantId);
        // Only a change is written, so changedAt says when the status last changed.
        Map<String, AttributeValue> item = guard.call(() -> {
            try {
                return dynamoDb.updateItem(b -> b.tableName(tableName)
                                .key(Map.of(KEY, AttributeValue.fromS(participantId)))
                                .updateExpression("SET #status = :status, " + CHANGED_AT + " = :at")
                                .conditionExpression("attribute_exists(" + KEY + ") AND #status <> :status")
                                .expressionAttributeNames(Map.of("#status", STATUS))
                                .expressionAttributeValues(Map.of(
                                        ":status", AttributeValue.fromS(status.name()),
                                        ":at", AttributeValue.fromS(at.toString())))
                                .returnValues(ReturnValue.ALL_NEW)
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                        .attributes();
            } catch (ConditionalCheckFailedException unchanged) {
                return unchanged.hasItem() ? unchanged.item() : Map.<String, AttributeValue>of();
            }
        });
        if (item.isEmpty()) throw new UnknownParticipantException(participantId);
        return participantOf(item);
    }

    private static Map<String, AttributeValue> itemOf(Participant participant) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS(participant.id().value()));
        item.put(
                ROLES,
                AttributeValue.fromSs(
                        participant.roles().stream().map(Role::name).sorted().toList()));
        item.put(STATUS, AttributeValue.fromS(participant.status().name()));
        item.put(ONBOARDED_AT, AttributeValue.fromS(participant.onboardedAt().toString()));
        item.put(CHANGED_AT, AttributeValue.fromS(participant.changedAt().toString()));
        return item;
    }

    /** The participant an item holds; an item this registry could not have written is an error that names it. */
    static Participant participantOf(Map<String, AttributeValue> item) {
        AttributeValue key = item.get(KEY);
        String id = key == null ? null : key.s();
        try {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            AttributeValue rolesValue = item.get(ROLES);
            if (rolesValue != null && rolesValue.hasSs()) rolesValue.ss().forEach(name -> roles.add(Role.parse(name)));
            return new Participant(
                    new ParticipantId(id),
                    roles,
                    ParticipantStatus.valueOf(text(item, STATUS)),
                    Instant.parse(text(item, ONBOARDED_AT)),
                    Instant.parse(text(item, CHANGED_AT)));
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            throw new IllegalStateException(
                    "the participant registry holds an unreadable item for " + WireLimits.echo(id, 64) + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.s() == null) throw new IllegalArgumentException(attribute + " is missing");
        return value.s();
    }
}
