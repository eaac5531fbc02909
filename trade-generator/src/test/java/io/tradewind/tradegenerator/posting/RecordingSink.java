package io.tradewind.tradegenerator.posting;

import io.tradewind.model.trade.TradeMessage;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * A broker in memory: keeps what each commit posted, forgets uncommitted messages when closed, and fails the next sends
 * or commits on request.
 */
final class RecordingSink implements TradeSink {
    private final List<TradeMessage> open = new ArrayList<>();
    private final List<List<TradeMessage>> commits = new ArrayList<>();
    private int sends;
    private int closes;
    private int failingSends;
    private int failingCommits;

    synchronized void failNextSends(int count) {
        failingSends = count;
    }

    synchronized void failNextCommits(int count) {
        failingCommits = count;
    }

    @Override
    public synchronized void send(TradeMessage message) {
        if (failingSends > 0) {
            failingSends--;
            open.clear();
            throw new DependencyUnavailableException("broker", "connection refused", null);
        }
        sends++;
        open.add(message);
    }

    @Override
    public synchronized void commit() {
        if (failingCommits > 0) {
            failingCommits--;
            open.clear();
            throw new DependencyUnavailableException("broker", "transport failed during commit", null);
        }
        commits.add(List.copyOf(open));
        open.clear();
    }

    @Override
    public synchronized void close() {
        closes++;
        open.clear();
    }

    synchronized List<List<TradeMessage>> commits() {
        return List.copyOf(commits);
    }

    synchronized List<String> committedIds() {
        return commits.stream()
                .flatMap(List::stream)
                .map(TradeMessage::messageId)
                .toList();
    }

    synchronized int sends() {
        return sends;
    }

    synchronized int uncommitted() {
        return open.size();
    }

    synchronized int closes() {
        return closes;
    }
}
