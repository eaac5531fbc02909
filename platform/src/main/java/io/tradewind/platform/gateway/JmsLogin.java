package io.tradewind.platform.gateway;

/**
 * The user and password a service (or a participant's client) presents to a broker when it connects: our brokers refuse
 * anonymous connections. Its text never shows the password, so a login can be logged.
 */
public record JmsLogin(String username, String password) {
    public JmsLogin {
        if (username == null || username.isBlank()) throw new IllegalArgumentException("the broker username is blank");
        if (password == null || password.isEmpty())
            throw new IllegalArgumentException("broker user " + username + " has no password");
    }

    @Override
    public String toString() {
        return "JmsLogin[username=" + username + ", password=****]";
    }
}
