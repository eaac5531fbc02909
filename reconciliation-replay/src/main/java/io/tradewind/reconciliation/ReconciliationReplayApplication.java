package io.tradewind.reconciliation;

import io.tradewind.reconciliation.cli.ReconcileCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Reconciliation and replay. {@code main} is the on-demand command line ({@link ReconcileCommand}); the class is also
 * the Spring Boot application the sandbox composes, where the rotation runbook will run it as its last step.
 */
@SpringBootApplication
public class ReconciliationReplayApplication {
    public static void main(String[] args) {
        // The process entry point is the one place an exit status is set: scripts read it.
        System.exit(ReconcileCommand.run(args));
    }
}
