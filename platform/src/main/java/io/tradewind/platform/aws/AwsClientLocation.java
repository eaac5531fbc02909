package io.tradewind.platform.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

/**
 * Where and as whom a process's AWS clients connect: its region, its credentials and, for a service, an endpoint
 * override. In a Spring Boot service Spring Cloud AWS answers ({@code spring.cloud.aws.*}); command lines and tests
 * name it themselves ({@link AwsSettings}).
 */
public interface AwsClientLocation {

    /** Sets the region, the credentials and {@code service}'s endpoint override, if any, on {@code builder}. */
    <B extends AwsClientBuilder<B, ?>> B locate(B builder, AwsService service);

    /**
     * False where Kinesis answers JSON only (kinesalite): the SDK speaks CBOR to Kinesis unless told otherwise, and
     * only through a JVM-wide switch.
     */
    boolean kinesisCbor();
}
