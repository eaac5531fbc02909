/**
 * The AWS SDK clients Spring Cloud AWS does not build (Kinesis, KCL's, the ARC cluster's), and every client of the
 * command lines: {@link io.tradewind.platform.aws.AwsClientFactory}, located by an {@link
 * io.tradewind.platform.aws.AwsClientLocation} (Spring Cloud AWS's in a service, {@link
 * io.tradewind.platform.aws.AwsSettings} elsewhere).
 */
package io.tradewind.platform.aws;
