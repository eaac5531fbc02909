package io.tradewind.platform.stream;

import io.tradewind.platform.aws.AwsClientFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The AWS clients KCL consumers use, made once per process and shared by all of them: each async client owns an
 * event-loop thread pool, and one set serves every stage. The sync clients prepare lease tables. Whoever creates it
 * closes it, after the consumers have stopped.
 */
public record KclClients(
        KinesisAsyncClient kinesis,
        DynamoDbAsyncClient dynamoDb,
        CloudWatchAsyncClient cloudWatch,
        KinesisClient kinesisSync,
        DynamoDbClient dynamoDbSync)
        implements AutoCloseable {

    public static KclClients from(AwsClientFactory aws) {
        return new KclClients(
                aws.kinesisAsync(), aws.dynamoDbAsync(), aws.cloudWatchAsync(), aws.kinesis(), aws.dynamoDb());
    }

    @Override
    public void close() {
        kinesis.close();
        dynamoDb.close();
        cloudWatch.close();
        kinesisSync.close();
        dynamoDbSync.close();
    }
}
