package io.tradewind.localaws.mq;

/**
 * A broker user's name and password, as a JMS client presents them when it connects. Its text never shows the
 * password, so a login can be logged.
 */
public record BrokerLogin(String user, String password) {
    public BrokerLogin {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("a broker login's user is blank");
        if (password == null || password.isEmpty())
            throw new IllegalArgumentException("broker user " + user + " has no password");
    }

    @Override
    public String toString() {
        return "BrokerLogin[user=" + user + ", password=****]";
    }
}
