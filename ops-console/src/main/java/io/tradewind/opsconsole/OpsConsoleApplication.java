package io.tradewind.opsconsole;

import io.tradewind.opsconsole.access.spring.ConsoleSecurity;
import io.tradewind.platform.app.spring.HealthProbes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * Runs the ops console as a service: the entry point of its image (an ECS service per region) and of the sandbox's one
 * console, serving the dashboard ({@code /}), the ops API ({@code /api}, {@link
 * io.tradewind.opsconsole.config.ConsoleConfiguration} wires it) and its OpenAPI document, with its probes open and
 * everything else behind the console's users ({@link ConsoleSecurity}, not the platform's one-login guard of the apps'
 * actuators). The SRE's command line is {@link io.tradewind.opsconsole.cli.OpsConsoleCommand}, in the same image.
 */
@SpringBootApplication
@Import({ConsoleSecurity.class, HealthProbes.class})
@PropertySource("classpath:io/tradewind/opsconsole/ops-console-defaults.properties")
public class OpsConsoleApplication {
    public static void main(String[] args) {
        SpringApplication.run(OpsConsoleApplication.class, args);
    }
}
