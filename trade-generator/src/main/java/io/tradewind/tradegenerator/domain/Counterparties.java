package io.tradewind.tradegenerator.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Who trades: the executing brokers and investment managers the generator picks from, and how many accounts each
 * investment manager allocates to. Accounts belong to their investment manager and are named after it, e.g.
 * {@code IM003-ACC-07}.
 */
public record Counterparties(
        List<String> executingBrokers, List<String> investmentManagers, int accountsPerInvestmentManager) {

    /** Enough accounts for the largest allocation (10 lines) plus one spare, so one can always be swapped in. */
    public static final int MIN_ACCOUNTS_PER_INVESTMENT_MANAGER = TradePairFactory.MAX_ALLOCATIONS + 1;

    public Counterparties {
        executingBrokers = ids(executingBrokers, "executingBrokers");
        investmentManagers = ids(investmentManagers, "investmentManagers");
        Set<String> both = new HashSet<>(executingBrokers);
        for (String manager : investmentManagers) {
            if (!both.add(manager)) {
                throw new IllegalArgumentException(
                        "'" + manager + "' is both an executing broker and an investment manager");
            }
        }
        if (accountsPerInvestmentManager < MIN_ACCOUNTS_PER_INVESTMENT_MANAGER) {
            throw new IllegalArgumentException("accountsPerInvestmentManager must be at least "
                    + MIN_ACCOUNTS_PER_INVESTMENT_MANAGER + ", was " + accountsPerInvestmentManager);
        }
    }

    /** BRK001..BRK005 and IM001..IM010, with 20 accounts each. */
    public static Counterparties defaults() {
        return new Counterparties(numbered("BRK", 5), numbered("IM", 10), 20);
    }

    /** The given brokers and managers with 20 accounts each. */
    public static Counterparties of(List<String> executingBrokers, List<String> investmentManagers) {
        return new Counterparties(executingBrokers, investmentManagers, 20);
    }

    /** Every participant that posts: the executing brokers, then the investment managers. */
    public List<String> senders() {
        return java.util.stream.Stream.concat(executingBrokers.stream(), investmentManagers.stream())
                .toList();
    }

    /** The account {@code number} (1-based) of an investment manager, e.g. {@code IM003-ACC-07}. */
    public String account(String investmentManager, int number) {
        if (number < 1 || number > accountsPerInvestmentManager) {
            throw new IllegalArgumentException(
                    "account number must be in 1.." + accountsPerInvestmentManager + ", was " + number);
        }
        return String.format(Locale.ROOT, "%s-ACC-%02d", investmentManager, number);
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format(Locale.ROOT, "%s%03d", prefix, i))
                .toList();
    }

    private static List<String> ids(List<String> ids, String field) {
        if (ids == null || ids.isEmpty()) throw new IllegalArgumentException(field + " is empty");
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id == null || id.isBlank() || !id.equals(id.strip())) {
                throw new IllegalArgumentException(field + " holds a blank or padded id: '" + id + "'");
            }
            if (!seen.add(id)) throw new IllegalArgumentException(field + " holds '" + id + "' twice");
        }
        return List.copyOf(ids);
    }
}
