package io.tradewind.platform.config;

import io.tradewind.model.topology.RoutingControls;
import io.tradewind.platform.gateway.JmsLogin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a service runs and what it talks to, under the prefix {@code tradewind}.
 *
 * @param region the AWS region this process serves, e.g. {@code us-east-1}
 * @param aws what Spring Cloud AWS's {@code spring.cloud.aws.*} cannot say about the emulators
 * @param mq this region's broker of the app, and the service's login on the brokers
 * @param arc the ARC cluster's data-plane endpoints and the control panel whose controls gate this service
 * @param provisionResources create streams and tables on start (the sandbox; Terraform does it on AWS)
 */
public record PlatformProperties(String region, Aws aws, Mq mq, Arc arc, boolean provisionResources) {

    public PlatformProperties {
        if (region == null || region.isBlank()) throw new IllegalArgumentException("tradewind.region is not set");
        if (aws == null) aws = new Aws(null);
        if (mq == null || mq.brokerUrl() == null)
            throw new IllegalArgumentException("tradewind.mq.broker-url is not set");
        if (arc == null || arc.endpoints() == null || arc.endpoints().isEmpty())
            throw new IllegalArgumentException("tradewind.arc.endpoints is not set");
    }

    /**
     * The one AWS setting of ours: region, credentials and endpoints are Spring Cloud AWS's ({@code
     * spring.cloud.aws.region.static}, {@code spring.cloud.aws.credentials.*}, {@code
     * spring.cloud.aws.<service>.endpoint}).
     *
     * @param kinesisCbor {@code tradewind.aws.kinesis-cbor}: false for kinesalite, which answers JSON only (default
     *     true, the SDK's default for Kinesis)
     */
    public record Aws(Boolean kinesisCbor) {
        public boolean kinesisSpeaksCbor() {
            return kinesisCbor == null || kinesisCbor;
        }
    }

    /**
     * The app's broker in this region, the user the service logs in as on every broker it reaches (its own and its
     * peer's), and what its TLS connections trust. Set the password through the environment ({@code
     * TRADEWIND_MQ_PASSWORD}: an ECS task's secret on AWS) or a property of the process's own configuration, never a
     * command-line argument, which other users of the machine can read; it is never logged.
     *
     * @param brokerUrl e.g. {@code tcp://127.0.0.1:47101}, {@code ssl://127.0.0.1:47105} (the sandbox with TLS), or on
     *     AWS Amazon MQ's endpoint, which serves TLS only: {@code ssl://b-....mq.<region>.amazonaws.com:61617}, or
     *     {@code failover:(ssl://...,ssl://...)} for an active/standby pair
     * @param username {@code tradewind.mq.username}, set with the password or not at all
     * @param truststore what a {@code ssl://} connection trusts; unset, the JDK's default trust store, which trusts
     *     Amazon MQ's certificate (issued by a public authority), so on AWS none is needed
     */
    public record Mq(URI brokerUrl, String username, String password, Truststore truststore) {
        public Mq {
            if ((username == null || username.isBlank()) != (password == null || password.isEmpty()))
                throw new IllegalArgumentException(
                        "tradewind.mq.username and tradewind.mq.password are set together (username: "
                                + (username == null || username.isBlank() ? "not set" : username) + ", password: "
                                + (password == null || password.isEmpty() ? "not set" : "set") + ")");
        }

        /** The service's login, or null to connect without one (a broker of ours refuses that). */
        public JmsLogin login() {
            return username == null || username.isBlank() ? null : new JmsLogin(username, password);
        }

        @Override
        public String toString() {
            return "Mq[brokerUrl=" + brokerUrl + ", username=" + username + ", password="
                    + (password == null ? "null" : "****") + ", truststore=" + truststore + "]";
        }
    }

    /**
     * A trust store for the brokers' TLS certificates ({@code tradewind.mq.truststore.*}), e.g. the sandbox's
     * self-signed one. Its password is never a command-line argument: it comes from the environment ({@code
     * TRADEWIND_MQ_TRUSTSTORE_PASSWORD}) or from a file ({@code tradewind.mq.truststore.password-file}).
     *
     * @param path the store (unset: the JDK's default trust store)
     * @param password its password (a store of certificates alone may have none)
     * @param passwordFile a file holding the password, used when {@code password} is not set
     * @param type {@code PKCS12} (the default) or {@code JKS}
     */
    public record Truststore(Path path, String password, Path passwordFile, String type) {
        public static final String DEFAULT_TYPE = "PKCS12";

        public Truststore {
            if (type == null || type.isBlank()) type = DEFAULT_TYPE;
            if (path == null && (password != null || passwordFile != null))
                throw new IllegalArgumentException(
                        "tradewind.mq.truststore.path is not set, but a truststore password is");
            if (path != null && !Files.isReadable(path))
                throw new IllegalArgumentException("tradewind.mq.truststore.path " + path + " is not a readable file");
            if (passwordFile != null && !Files.isReadable(passwordFile))
                throw new IllegalArgumentException(
                        "tradewind.mq.truststore.password-file " + passwordFile + " is not a readable file");
        }

        /** The password given, else the password file's first line, else none. */
        public char[] passwordChars() {
            if (password != null) return password.toCharArray();
            if (passwordFile == null) return null;
            try {
                return Files.readString(passwordFile, StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse("")
                        .toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read tradewind.mq.truststore.password-file " + passwordFile, e);
            }
        }

        /** Never the password: settings are printed and logged. */
        @Override
        public String toString() {
            return "Truststore[path=" + path + ", password=" + (password == null ? null : "***") + ", passwordFile="
                    + passwordFile + ", type=" + type + "]";
        }
    }

    /**
     * ARC's cluster and the control panel whose routing controls gate this service.
     *
     * @param controlPanelArn the panel whose routing controls are named {@code <app>-<kind>-<region>}
     * @param routingControlArns {@code tradewind.arc.routing-control-arns}: {@code name=arn} pairs. On AWS a routing
     *     control's ARN ends in a generated id, not its name, so each control the service reads is listed here (the
     *     ECS task's {@code TRADEWIND_ARC_ROUTINGCONTROLARNS}); a control not listed is {@code <panel
     *     arn>/routingcontrol/<name>}, as the sandbox's emulated panel names it
     */
    public record Arc(List<URI> endpoints, String controlPanelArn, List<String> routingControlArns) {
        public Arc {
            routingControlArns = routingControlArns == null ? List.of() : List.copyOf(routingControlArns);
            Set<String> names = new HashSet<>();
            for (String pair : routingControlArns) {
                int equals = pair.indexOf('=');
                if (equals <= 0
                        || pair.substring(0, equals).isBlank()
                        || pair.substring(equals + 1).isBlank())
                    throw new IllegalArgumentException(
                            "tradewind.arc.routing-control-arns entry '" + pair + "' is not name=arn");
                if (!names.add(pair.substring(0, equals).trim()))
                    throw new IllegalArgumentException("tradewind.arc.routing-control-arns names "
                            + pair.substring(0, equals).trim() + " twice");
            }
        }

        /** The ARN of a routing control of this panel: as listed, else derived from its name. */
        public String routingControlArn(String controlName) {
            for (String pair : routingControlArns) {
                int equals = pair.indexOf('=');
                if (pair.substring(0, equals).trim().equals(controlName))
                    return pair.substring(equals + 1).trim();
            }
            return controlPanelArn + "/routingcontrol/" + controlName;
        }

        /** The routing control {@code <app>-<kind>-<region>}, e.g. another app's inbound control in any region. */
        public String routingControlArn(String app, String kind, String region) {
            return routingControlArn(RoutingControls.name(app, kind, region));
        }
    }

    /** The routing control {@code <app>-<kind>-<region>} of this region. */
    public String routingControlArn(String app, String kind) {
        return arc.routingControlArn(app, kind, region);
    }
}
