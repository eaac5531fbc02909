package io.tradewind.settlementmatching;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the settlement-matching stages that configuration selects. */
@SpringBootApplication
public class SettlementMatchingApplication {
    public static void main(String[] args) {
        SpringApplication.run(SettlementMatchingApplication.class, args);
    }
}
