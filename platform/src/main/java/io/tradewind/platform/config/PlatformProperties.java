package io.tradewind.platform.config;

import io.tradewind.model.topology.RoutingControls;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.gateway.JmsLogin;
import java.net.URI;
import java.util.List;

/**
 * Where a service runs and what it talks to, under the prefix {@code tradewind}.
 *
 * @param region the AWS region this process serves, e.g. {@code us-east-1}
 * @param aws endpoint overrides; empty on AWS
 * @param mq this region's broker of the app, and the service's login on the brokers
 * @param arc the ARC cluster's data-plane endpoints and the control panel whose controls gate this service
 * @param provisionResources create streams and tables on start (the sandbox; Terraform does it on AWS)
 */
public record PlatformProperties(String region, Aws aws, Mq mq, Arc arc, boolean provisionResources) {

    public PlatformProperties {
        if (region == null || region.isBlank()) throw new IllegalArgumentException("tradewind.region is not set");
        if (aws == null) aws = new Aws(null, null, false);
        if (mq == null || mq.brokerUrl() == null)
            throw new IllegalArgumentException("tradewind.mq.broker-url is not set");
        if (arc == null || arc.endpoints() == null || arc.endpoints().isEmpty())
            throw new IllegalArgumentException("tradewind.arc.endpoints is not set");
    }

    /** @param localEmulators static dummy credentials and JSON-only Kinesis (kinesalite) */
    public record Aws(URI kinesisEndpoint, URI dynamodbEndpoint, boolean localEmulators) {}

    /**
     * The app's broker in this region, and the user the service logs in as on every broker it reaches (its own and its
     * peer's), {@code tradewind.mq.username} and {@code tradewind.mq.password}. Set the password through the
     * environment ({@code TRADEWIND_MQ_PASSWORD}: an ECS task's secret on AWS) or a property of the process's own
     * configuration, never a command-line argument, which other users of the machine can read; it is never logged.
     */
    public record Mq(URI brokerUrl, String username, String password) {
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
                    + (password == null ? "null" : "****") + "]";
        }
    }

    /** @param controlPanelArn the panel whose routing controls are named {@code <app>-<kind>-<region>} */
    public record Arc(List<URI> endpoints, String controlPanelArn) {
        /** The ARN of a routing control of this panel, named as Terraform and the sandbox name them. */
        public String routingControlArn(String controlName) {
            return controlPanelArn + "/routingcontrol/" + controlName;
        }

        /** The routing control {@code <app>-<kind>-<region>}, e.g. another app's inbound control in any region. */
        public String routingControlArn(String app, String kind, String region) {
            return routingControlArn(RoutingControls.name(app, kind, region));
        }
    }

    public AwsSettings awsSettings() {
        if (!aws.localEmulators()) return AwsSettings.aws(region, aws.kinesisEndpoint(), aws.dynamodbEndpoint());
        return AwsSettings.local(region, aws.kinesisEndpoint(), aws.dynamodbEndpoint());
    }

    /** The routing control {@code <app>-<kind>-<region>} of this region. */
    public String routingControlArn(String app, String kind) {
        return arc.routingControlArn(app, kind, region);
    }
}
