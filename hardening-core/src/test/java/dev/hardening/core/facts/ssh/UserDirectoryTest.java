package dev.hardening.core.facts.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    @Test
    void usersGetTheirPrimaryGroupByGidAndTheirSupplementaryGroupsByMembership() {
        UserDirectory users = UserDirectory.parse(MatchCriteriaTest.PASSWD, MatchCriteriaTest.GROUP);

        assertThat(users.groupsOf("root")).containsExactly("root");
        assertThat(users.groupsOf("deploy")).containsExactlyInAnyOrder("deploy", "sftponly");
        assertThat(users.groupsOf("alice")).containsExactlyInAnyOrder("alice", "sudo", "sftponly");
        assertThat(users.groupsOf("ops")).containsExactly("sudo");
        assertThat(users.groupsOf("sshd")).containsExactly("nogroup");
        assertThat(users.exists("deploy")).isTrue();
        assertThat(users.exists("nosuch")).isFalse();
        assertThat(users.groupsOf("nosuch")).isEmpty();
    }

    @Test
    void usersKeepTheOrderOfThePasswdFile() {
        UserDirectory users = UserDirectory.parse(MatchCriteriaTest.PASSWD, MatchCriteriaTest.GROUP);

        assertThat(users.groupsByUser().keySet()).containsExactly("root", "daemon", "sshd", "deploy", "alice", "ops");
    }

    @Test
    void aPrimaryGidWithoutAGroupEntryGivesNoGroupButTheUserStillExists() {
        UserDirectory users = UserDirectory.parse("svc:x:999:4242::/nonexistent:/usr/sbin/nologin\n", "root:x:0:\n");

        assertThat(users.exists("svc")).isTrue();
        assertThat(users.groupsOf("svc")).isEmpty();
    }

    @Test
    void memberListsToleratesSpacesAndEmptyEntries() {
        UserDirectory users = UserDirectory.parse("a:x:1:1::/:/bin/sh\nb:x:2:1::/:/bin/sh\n",
                "one:x:1:\nwheel:x:10: a ,,b\n");

        assertThat(users.groupsOf("a")).containsExactlyInAnyOrder("one", "wheel");
        assertThat(users.groupsOf("b")).containsExactlyInAnyOrder("one", "wheel");
    }

    @Test
    void aGroupMemberWithoutAPasswdEntryDoesNotExist() {
        // sshd's Match Group looks the user up with getpwnam first: a stale member name is no user
        UserDirectory users = UserDirectory.parse("root:x:0:0:root:/root:/bin/bash\n", "root:x:0:\nsudo:x:27:olduser\n");

        assertThat(users.exists("olduser")).isFalse();
        assertThat(users.groupsByUser()).containsOnlyKeys("root");
    }

    @Test
    void blankCommentAndMalformedLinesAreSkipped() {
        UserDirectory users = UserDirectory.parse("\n# comment\ngarbage\nroot:x:0:0:root:/root:/bin/bash\n\n",
                "\nnot a group line\nroot:x:0:\n");

        assertThat(users.groupsByUser()).isEqualTo(Map.of("root", Set.of("root")));
    }

    @Test
    void emptyOutputGivesAnEmptyDirectory() {
        UserDirectory users = UserDirectory.parse("", "");

        assertThat(users.groupsByUser()).isEmpty();
        assertThat(users.exists("root")).isFalse();
    }

    @Test
    void theDirectoryIsImmutable() {
        UserDirectory users = UserDirectory.parse(MatchCriteriaTest.PASSWD, MatchCriteriaTest.GROUP);

        assertThatThrownBy(() -> users.groupsByUser().put("eve", Set.of("sudo")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> users.groupsOf("alice").add("root")).isInstanceOf(UnsupportedOperationException.class);
    }
}
