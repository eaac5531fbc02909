package io.tradewind.tradematching;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the trade-matching stages that configuration selects (all five locally, one per service on AWS). */
@SpringBootApplication
public class TradeMatchingApplication {
    public static void main(String[] args) {
        SpringApplication.run(TradeMatchingApplication.class, args);
    }
}
