package io.tradewind.tradegenerator;

import io.tradewind.tradegenerator.cli.TradeGeneratorCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The trade generator. {@code main} is the command line ({@code java -jar trade-generator-exec.jar --rate 50 ...}, see
 * {@link TradeGeneratorCommand}); the class is also the Spring Boot application the sandbox composes, which posts only
 * when {@code tradewind.trade-generator.enabled} is true.
 */
@SpringBootApplication
public class TradeGeneratorApplication {
    public static void main(String[] args) {
        // The process entry point is the one place an exit status is set: scripts read it.
        System.exit(TradeGeneratorCommand.run(args));
    }
}
