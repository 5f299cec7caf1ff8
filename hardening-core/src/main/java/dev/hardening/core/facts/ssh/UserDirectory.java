package dev.hardening.core.facts.ssh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Users and their groups, from {@code getent passwd} and {@code getent group} (or the files). */
public record UserDirectory(Map<String, Set<String>> groupsByUser) {

    public UserDirectory {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        groupsByUser.forEach((u, g) -> copy.put(u, Set.copyOf(g)));
        groupsByUser = java.util.Collections.unmodifiableMap(copy);
    }

    public static UserDirectory parse(String passwd, String group) {
        Map<String, String> groupNameByGid = new HashMap<>();
        Map<String, List<String>> membersByGroup = new HashMap<>();
        for (String line : group.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && !f[0].isBlank()) {
                groupNameByGid.put(f[2], f[0]);
                List<String> members = new ArrayList<>();
                for (String m : f[3].split(",")) {
                    if (!m.isBlank()) {
                        members.add(m.strip());
                    }
                }
                membersByGroup.put(f[0], members);
            }
        }
        Map<String, Set<String>> groupsByUser = new LinkedHashMap<>();
        for (String line : passwd.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && !f[0].isBlank()) {
                Set<String> groups = new LinkedHashSet<>();
                String primary = groupNameByGid.get(f[3]);
                if (primary != null) {
                    groups.add(primary);
                }
                groupsByUser.put(f[0], groups);
            }
        }
        // only users with a passwd entry: sshd's Match Group looks the user up first (getpwnam)
        membersByGroup.forEach((groupName, members) -> members.stream().filter(groupsByUser::containsKey)
                .forEach(m -> groupsByUser.get(m).add(groupName)));
        return new UserDirectory(groupsByUser);
    }

    public boolean exists(String user) {
        return groupsByUser.containsKey(user);
    }

    public Set<String> groupsOf(String user) {
        return groupsByUser.getOrDefault(user, Set.of());
    }
}
