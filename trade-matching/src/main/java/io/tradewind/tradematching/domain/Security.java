package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.Isin;

/**
 * The security a trade is in, by its ISIN. Ingestion has checked the check digit already; the book only insists on the
 * form, so a trade booked under an older rule still loads.
 */
public record Security(String isin) {
    public Security {
        if (!Isin.hasValidForm(isin)) throw new IllegalArgumentException("security is not an ISIN: " + isin);
    }

    @Override
    public String toString() {
        return isin;
    }
}
