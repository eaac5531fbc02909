package io.tradewind.opsconsole.participant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Each region's broker users in memory; a region can be made unreachable. */
public final class FakeBrokerUsers implements BrokerUsers {
    /** A user as a region's brokers hold it. */
    public record User(String password, Set<String> groups) {}

    private final Map<String, Map<String, User>> byRegion = new HashMap<>();
    private final Map<String, String> down = new HashMap<>();

    public void down(String region, String why) {
        down.put(region, why);
    }

    public void up(String region) {
        down.remove(region);
    }

    @Override
    public void put(String region, String user, String password, Set<String> groups) {
        failIfDown(region);
        byRegion.computeIfAbsent(region, r -> new TreeMap<>()).put(user, new User(password, Set.copyOf(groups)));
    }

    @Override
    public void remove(String region, String user) {
        failIfDown(region);
        byRegion.getOrDefault(region, Map.of()).remove(user);
    }

    @Override
    public List<String> users(String region) {
        failIfDown(region);
        return List.copyOf(byRegion.getOrDefault(region, Map.of()).keySet());
    }

    public User user(String region, String user) {
        return byRegion.getOrDefault(region, Map.of()).get(user);
    }

    private void failIfDown(String region) {
        if (down.containsKey(region)) throw new IllegalStateException(down.get(region));
    }
}
