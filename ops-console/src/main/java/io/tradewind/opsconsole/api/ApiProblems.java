package io.tradewind.opsconsole.api;

import io.tradewind.opsconsole.runbook.RotationLease;
import java.net.URI;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's errors as RFC 9457 problems: a refused field (400, {@code field} names it), another rotation holding the
 * lease (409, with its holder, execution and expiry), an unknown execution (404), a state that forbids the action (409)
 * and an action this build cannot take (501).
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
public class ApiProblems {

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid " + e.field());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body is not the JSON this action takes");
        problem.setTitle("Unreadable body");
        problem.setProperty("field", "body");
        return problem;
    }

    @ExceptionHandler(RotationLease.LeaseHeldException.class)
    ProblemDetail leaseHeld(RotationLease.LeaseHeldException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Another rotation is running");
        problem.setType(URI.create("urn:tradewind:rotation-lease-held"));
        problem.setProperty("holder", e.held().holder());
        problem.setProperty("executionId", e.held().executionId());
        problem.setProperty("expiresAt", e.held().expiresAt().toString());
        return problem;
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** The runbook refuses an action in the execution's state (abort after the database moved, resume of a finished one). */
    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail refused(IllegalStateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Refused in the execution's state");
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("field", fieldNamedIn(e.getMessage()));
        return problem;
    }

    @ExceptionHandler(UnsupportedOperationException.class)
    ProblemDetail unsupported(UnsupportedOperationException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_IMPLEMENTED, e.getMessage());
    }

    /** The runbook's messages start with the field they refuse ("apps is empty", "source x and target y ..."). */
    private static String fieldNamedIn(String message) {
        if (message == null || message.isBlank()) return "body";
        String first = message.split("[ :]", 2)[0];
        return first.matches("[a-zA-Z]+") ? first : "body";
    }
}
