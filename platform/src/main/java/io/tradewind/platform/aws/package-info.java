/** The one place AWS SDK clients are built: region, credentials and endpoint come from {@link io.tradewind.platform.aws.AwsSettings}. */
package io.tradewind.platform.aws;
