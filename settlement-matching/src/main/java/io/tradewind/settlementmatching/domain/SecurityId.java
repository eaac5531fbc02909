package io.tradewind.settlementmatching.domain;

import io.tradewind.model.trade.Isin;
import io.tradewind.model.values.Require;

/** The security an instruction settles, by its ISIN (ISO 6166), check digit included. */
public record SecurityId(String isin) {
    public SecurityId {
        Require.text(isin, "security");
        if (!Isin.isValid(isin)) throw new IllegalArgumentException("security is not a valid ISIN: " + isin);
    }

    @Override
    public String toString() {
        return isin;
    }
}
