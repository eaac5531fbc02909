package io.tradewind.opsconsole;

import io.tradewind.platform.app.spring.HealthProbes;
import io.tradewind.platform.app.spring.HttpEndpointSecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * Runs the ops console as a service: the entry point of its image and of the sandbox's one console, serving the
 * dashboard ({@code /}), the ops API ({@code /api}, {@link io.tradewind.opsconsole.config.ConsoleConfiguration} wires
 * it) and its OpenAPI document, with its probes open. The SRE's command line is {@link
 * io.tradewind.opsconsole.cli.OpsConsoleCommand}, in the same image.
 */
@SpringBootApplication
@Import({HttpEndpointSecurity.class, HealthProbes.class})
@PropertySource("classpath:io/tradewind/opsconsole/ops-console-defaults.properties")
public class OpsConsoleApplication {
    public static void main(String[] args) {
        SpringApplication.run(OpsConsoleApplication.class, args);
    }
}
