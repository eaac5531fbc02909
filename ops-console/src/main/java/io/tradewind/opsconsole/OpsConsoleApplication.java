package io.tradewind.opsconsole;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the ops console. */
@SpringBootApplication
public class OpsConsoleApplication {
    public static void main(String[] args) {
        SpringApplication.run(OpsConsoleApplication.class, args);
    }
}
