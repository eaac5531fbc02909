package io.tradewind.tradegenerator.domain;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The list of securities the generator draws trades from. {@link #defaults()} holds 34 real large-cap equities from
 * the US, UK, Germany, France, the Netherlands and Switzerland, with their real ISINs and rough reference prices.
 */
public final class Securities {
    private static final Securities DEFAULTS = new Securities(List.of(
            security("US0378331005", "Apple", "USD", "230.00"),
            security("US5949181045", "Microsoft", "USD", "420.00"),
            security("US0231351067", "Amazon.com", "USD", "185.00"),
            security("US02079K3059", "Alphabet A", "USD", "165.00"),
            security("US30303M1027", "Meta Platforms", "USD", "560.00"),
            security("US67066G1040", "NVIDIA", "USD", "120.00"),
            security("US88160R1014", "Tesla", "USD", "250.00"),
            security("US46625H1005", "JPMorgan Chase", "USD", "210.00"),
            security("US92826C8394", "Visa A", "USD", "280.00"),
            security("US4781601046", "Johnson & Johnson", "USD", "155.00"),
            security("US30231G1022", "Exxon Mobil", "USD", "115.00"),
            security("US7427181091", "Procter & Gamble", "USD", "165.00"),
            security("US1912161007", "Coca-Cola", "USD", "63.00"),
            security("US4592001014", "IBM", "USD", "215.00"),
            security("US7170811035", "Pfizer", "USD", "27.00"),
            security("GB0002374006", "Diageo", "GBP", "24.50"),
            security("GB0005405286", "HSBC Holdings", "GBP", "7.10"),
            security("GB0007980591", "BP", "GBP", "4.20"),
            security("GB0009895292", "AstraZeneca", "GBP", "115.00"),
            security("GB0007188757", "Rio Tinto", "GBP", "50.00"),
            security("GB0031348658", "Barclays", "GBP", "2.60"),
            security("DE0007164600", "SAP", "EUR", "210.00"),
            security("DE0007236101", "Siemens", "EUR", "180.00"),
            security("DE0008404005", "Allianz", "EUR", "280.00"),
            security("DE000BASF111", "BASF", "EUR", "45.00"),
            security("DE0005557508", "Deutsche Telekom", "EUR", "28.00"),
            security("FR0000121014", "LVMH", "EUR", "650.00"),
            security("FR0000120271", "TotalEnergies", "EUR", "58.00"),
            security("FR0000120578", "Sanofi", "EUR", "95.00"),
            security("FR0000120321", "L'Oreal", "EUR", "380.00"),
            security("NL0010273215", "ASML Holding", "EUR", "700.00"),
            security("CH0038863350", "Nestle", "CHF", "85.00"),
            security("CH0012005267", "Novartis", "CHF", "95.00"),
            security("CH0012032048", "Roche Holding", "CHF", "250.00")));

    private final List<Security> list;

    private Securities(List<Security> list) {
        if (list == null || list.size() < 2) {
            // An unmatched pair that differs in its security needs a second one to pick.
            throw new IllegalArgumentException("securities must hold at least two, was " + list);
        }
        Set<String> isins = new HashSet<>();
        for (Security security : list) {
            if (!isins.add(security.isin())) {
                throw new IllegalArgumentException("securities lists " + security.isin() + " twice");
            }
        }
        this.list = List.copyOf(list);
    }

    /** The built-in list of real equities. */
    public static Securities defaults() {
        return DEFAULTS;
    }

    /** A list of one's own; at least two securities, each ISIN once. */
    public static Securities of(List<Security> securities) {
        return new Securities(securities);
    }

    public List<Security> list() {
        return list;
    }

    public int size() {
        return list.size();
    }

    public Security get(int index) {
        return list.get(index);
    }

    private static Security security(String isin, String name, String currency, String referencePrice) {
        return new Security(isin, name, currency, new BigDecimal(referencePrice));
    }
}
