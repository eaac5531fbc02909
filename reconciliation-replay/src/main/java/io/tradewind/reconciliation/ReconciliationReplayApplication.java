package io.tradewind.reconciliation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs reconciliation and replay on demand and as the rotation runbook's last step. */
@SpringBootApplication
public class ReconciliationReplayApplication {
    public static void main(String[] args) {
        SpringApplication.run(ReconciliationReplayApplication.class, args);
    }
}
