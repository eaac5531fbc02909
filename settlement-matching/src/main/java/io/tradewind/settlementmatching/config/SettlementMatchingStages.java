package io.tradewind.settlementmatching.config;

import io.tradewind.model.settlement.SettlementInstructionDecoder;
import io.tradewind.model.topology.Queues;
import io.tradewind.platform.app.AppAssembly;
import io.tradewind.platform.app.MatchingApp;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.settlementmatching.adapter.postgres.PostgresConfirmationStore;
import io.tradewind.settlementmatching.adapter.postgres.PostgresInstructionIntake;
import io.tradewind.settlementmatching.adapter.postgres.PostgresSettlementBook;
import io.tradewind.settlementmatching.adapter.stream.InstructionEventStream;
import io.tradewind.settlementmatching.domain.SettlementMatcher;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import io.tradewind.settlementmatching.stage.egress.EgressStage;
import io.tradewind.settlementmatching.stage.inbound.InstructionKeys;
import io.tradewind.settlementmatching.stage.ingestion.IngestionStage;
import io.tradewind.settlementmatching.stage.matching.MatchingStage;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settlement matching's parts of the template: a gateway for instructions, ingestion and matching on the settlement
 * book, and egress, which stores the confirmations it sends to trade matching, the peer.
 */
record SettlementMatchingStages(
        SettlementMatchingProperties settings, JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock)
        implements MatchingApp.Stages {

    @Override
    public void addTo(AppAssembly assembly) {
        DependencyGuard postgres = DependencyGuard.forDependency("postgres");
        PostgresSettlementBook book = new PostgresSettlementBook(
                jdbc, transaction, new SettlementMatcher(settings.tolerances()), postgres, clock);
        assembly.addInboundGateway(Queues.SETTLEMENTS_INBOUND, new InstructionKeys());
        assembly.<SettlementCommand>addIngestion(ports -> new IngestionStage(
                new SettlementInstructionDecoder(clock),
                new PostgresInstructionIntake(jdbc, transaction, postgres),
                ports,
                assembly.senders(),
                clock));
        assembly.addMatching(
                SettlementCommand.class,
                toEgress -> new MatchingStage(book, InstructionEventStream.toEgress(toEgress)));
        assembly.addEgress(
                SettlementEvent.class,
                toOutbound -> new EgressStage(new PostgresConfirmationStore(jdbc, postgres, clock), toOutbound));
    }
}
