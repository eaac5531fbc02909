package io.tradewind.platform.regiongate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.platform.gateway.FakeBroker;
import io.tradewind.platform.gateway.TwoRegions;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActiveRegionConnectionFactoryTest {
    private final TwoRegions regions = new TwoRegions();
    private final ActiveRegionConnectionFactory brokers = regions.brokers;
    private final FakeBroker east = regions.east;
    private final FakeBroker west = regions.west;

    @AfterEach
    void close() {
        regions.close();
    }

    @Test
    void aConnectionStillOpeningWhenARotationClosesItsRegionsConnectionsIsReopenedInTheNewRegion() throws Exception {
        // The rotation completes, sweep included, while east's connection is being opened.
        east.onConnect = () -> regions.rotateTo(TwoRegions.WEST);

        brokers.createConnection();

        assertThat(east.connectionsOpened()).isOne();
        assertThat(east.allConnectionsClosed())
                .as("no connection outlives the rotation on east")
                .isTrue();
        assertThat(west.connectionsOpened()).as("the caller got west's").isOne();
        assertThat(west.allConnectionsClosed()).isFalse();
    }

    @Test
    void opensNoConnectionOnceClosed() {
        brokers.close();

        assertThatThrownBy(brokers::createConnection)
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("closed");
        assertThat(east.connectionsOpened()).isZero();
    }
}
