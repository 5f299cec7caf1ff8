package dev.hardening.samples.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.hardening.core.family.FamilyRegistry;

/**
 * Reads the Surefire report {@link PolicyMatrixLabTest} left behind: the hosts x checks matrix must be
 * in it, one test case per host and check, named {@code web1 ssh.key-only} with Surefire's default
 * configuration. Runs in its own Surefire execution, after the others (see the pom).
 */
class MatrixInSurefireReportCheck {

    @Test
    void theReportHasATestCasePerHostAndCheck() throws Exception {
        Path report = Path.of("target/surefire-reports/TEST-" + PolicyMatrixLabTest.class.getName() + ".xml");
        assumeTrue(Files.exists(report), "the matrix lab test did not run in this build");
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                .getDocumentElement();
        assumeTrue(suite.getAttribute("skipped").equals("0"), "the matrix lab test was skipped (no lab here)");

        NodeList cases = suite.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }

        List<String> expected = new ArrayList<>();
        for (String host : List.of("web1", "web2")) {
            FamilyRegistry.discover().checks().forEach(check -> expected.add(host + " " + check.id().id()));
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
    }
}
