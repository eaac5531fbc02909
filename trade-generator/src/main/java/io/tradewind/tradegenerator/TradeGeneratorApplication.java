package io.tradewind.tradegenerator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the trade generator. */
@SpringBootApplication
public class TradeGeneratorApplication {
    public static void main(String[] args) {
        SpringApplication.run(TradeGeneratorApplication.class, args);
    }
}
