package io.tradewind.tradematching.config;

import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.platform.app.AppAssembly;
import io.tradewind.platform.app.MatchingApp;
import io.tradewind.platform.gateway.InboundKeys;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.tradematching.adapter.postgres.PostgresInstructionStore;
import io.tradewind.tradematching.adapter.postgres.PostgresTradeBook;
import io.tradewind.tradematching.adapter.postgres.PostgresTradeIntake;
import io.tradewind.tradematching.adapter.stream.EgressStream;
import io.tradewind.tradematching.domain.TradeMatcher;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.stage.egress.EgressStage;
import io.tradewind.tradematching.stage.inbound.ConfirmationKeys;
import io.tradewind.tradematching.stage.inbound.TradePartitioning;
import io.tradewind.tradematching.stage.ingestion.HeldCancelSweep;
import io.tradewind.tradematching.stage.ingestion.IngestionStage;
import io.tradewind.tradematching.stage.matching.MatchingStage;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Trade matching's parts of the template: a gateway for trades and one for settlement-matching's confirmations (the
 * settle loop), ingestion with its sweep of held cancels, matching on the trade book, and egress, which stores the
 * settlement instructions it builds for settlement matching, the peer.
 */
record TradeMatchingStages(
        TradeMatchingProperties settings, JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock)
        implements MatchingApp.Stages {

    @Override
    public void addTo(AppAssembly assembly) {
        DependencyGuard postgres = DependencyGuard.forDependency("postgres");
        PostgresTradeBook book =
                new PostgresTradeBook(jdbc, transaction, new TradeMatcher(settings.tolerances()), postgres, clock);
        PostgresTradeIntake intake = new PostgresTradeIntake(jdbc, transaction, postgres, clock);
        assembly.addInboundGateway(Queues.TRADES_INBOUND, InboundKeys.bySender(TradePartitioning::partitionKeyOf));
        assembly.addInboundGateway(Queues.SETTLEMENTS_CONFIRMATIONS, new ConfirmationKeys());
        assembly.<TradeCommand>addIngestion(
                ports -> new IngestionStage(new TradeMessageDecoder(clock), intake, ports, assembly.senders(), clock));
        assembly.<TradeCommand>addBesideIngestion(
                ports -> new HeldCancelSweep(settings.heldCancels(), intake, ports, clock));
        assembly.addMatching(TradeCommand.class, toEgress -> new MatchingStage(book, EgressStream.toEgress(toEgress)));
        assembly.addEgress(
                TradeEvent.class,
                toOutbound -> new EgressStage(new PostgresInstructionStore(jdbc, postgres, clock), toOutbound));
    }
}
