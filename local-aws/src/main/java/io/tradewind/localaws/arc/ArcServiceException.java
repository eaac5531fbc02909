package io.tradewind.localaws.arc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A modeled ARC error: the SDK picks the exception class from {@link ErrorType#code()} and fills
 * the exception's fields from {@link #members()}. Thrown by the cluster and by request parsing,
 * turned into an AWS JSON 1.0 error response by the endpoint.
 */
public final class ArcServiceException extends RuntimeException {

    /**
     * Error codes from the route53-recovery-cluster service model. The status codes are the model's
     * too: it declares every client error as 400 (only InternalServerException is 500), and the
     * SDK maps errors by code, not status.
     */
    public enum ErrorType {
        VALIDATION("ValidationException", 400),
        RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
        CONFLICT("ConflictException", 400),
        INTERNAL("InternalServerException", 500);

        private final String code;
        private final int httpStatus;

        ErrorType(String code, int httpStatus) {
            this.code = code;
            this.httpStatus = httpStatus;
        }

        /** Value for {@code __type} and the {@code x-amzn-ErrorType} header. */
        public String code() {
            return code;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    /** Wire values of the model's ValidationExceptionReason enum. */
    public enum ValidationReason {
        UNKNOWN_OPERATION("unknownOperation"),
        CANNOT_PARSE("cannotParse"),
        FIELD_VALIDATION_FAILED("fieldValidationFailed"),
        OTHER("other");

        private final String wireValue;

        ValidationReason(String wireValue) {
            this.wireValue = wireValue;
        }

        public String wireValue() {
            return wireValue;
        }
    }

    private final ErrorType type;
    private final Map<String, Object> members;

    private ArcServiceException(ErrorType type, String message, Map<String, Object> members) {
        super(message);
        this.type = type;
        this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** The request names a routing control, control panel or rule that does not exist. */
    public static ArcServiceException resourceNotFound(String resourceType, String resourceId) {
        return new ArcServiceException(
                ErrorType.RESOURCE_NOT_FOUND,
                resourceType + " not found: " + resourceId,
                Map.of("resourceId", resourceId, "resourceType", resourceType));
    }

    /** The update would break a safety rule; {@code resourceId} is the blocking rule's ARN. */
    public static ArcServiceException conflict(String resourceType, String resourceId, String message) {
        return new ArcServiceException(
                ErrorType.CONFLICT, message, Map.of("resourceId", resourceId, "resourceType", resourceType));
    }

    /** A request field is missing or malformed; {@code field} names it the way the wire does. */
    public static ArcServiceException invalidField(String field, String message) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("reason", ValidationReason.FIELD_VALIDATION_FAILED.wireValue());
        members.put("fields", List.of(Map.of("name", field, "message", message)));
        return new ArcServiceException(ErrorType.VALIDATION, field + ": " + message, members);
    }

    /** Any other validation failure (unparseable body, unknown operation, ...). */
    public static ArcServiceException validation(ValidationReason reason, String message) {
        return new ArcServiceException(ErrorType.VALIDATION, message, Map.of("reason", reason.wireValue()));
    }

    /** An unexpected failure inside the emulator. */
    public static ArcServiceException internal(String message) {
        return new ArcServiceException(ErrorType.INTERNAL, message, Map.of());
    }

    public ErrorType type() {
        return type;
    }

    /** Modeled error members (besides {@code message}) written into the JSON error body. */
    public Map<String, Object> members() {
        return members;
    }
}
