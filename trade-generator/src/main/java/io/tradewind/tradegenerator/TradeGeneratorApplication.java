package io.tradewind.tradegenerator;

import io.tradewind.platform.app.spring.HealthProbes;
import io.tradewind.platform.app.spring.HttpEndpointSecurity;
import io.tradewind.tradegenerator.cli.TradeGeneratorCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The trade generator. {@code main} is the command line ({@code java -jar trade-generator-exec.jar --rate 50 ...}, see
 * {@link TradeGeneratorCommand}); the class is also the Spring Boot application the sandbox composes, which posts only
 * when {@code tradewind.trade-generator.enabled} is true, and the service its image runs ({@link TradeGeneratorService}).
 * As a web application its probes answer without a login and everything else is behind the platform's guard.
 */
@SpringBootApplication
@Import({HttpEndpointSecurity.class, HealthProbes.class})
@PropertySource("classpath:io/tradewind/tradegenerator/trade-generator-defaults.properties")
public class TradeGeneratorApplication {
    public static void main(String[] args) {
        // The process entry point is the one place an exit status is set: scripts read it.
        System.exit(TradeGeneratorCommand.run(args));
    }
}
