package dev.hardening.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.hardening.core.gate.GateResult;

/** Whatever string a host sends, in whichever field, every report stays parseable and the page inert. */
class ReportPropertiesTest {

    @Property(tries = 300)
    void anyHostTextGivesParseableJsonXmlAndSarifAndHtmlWithoutAScriptOfItsOwn(@ForAll("hostText") String text)
            throws Exception {
        GateResult result = HostileTextTest.everywhere(text);
        RunInfo run = HostileTextTest.runInfo(text);

        assertThat(StrictParsers.json(JsonReport.render(result, run)).at("/results/0/evidence/0").textValue())
                .isEqualTo(Sanitizer.data("e" + text));
        assertThat(StrictParsers.xml(JunitXmlReport.render(result, run)).getElementsByTagName("testcase").getLength())
                .isEqualTo(2);
        assertThat(StrictParsers.json(SarifReport.render(result, run)).at("/runs/0/results")).hasSize(3);
        String page = StrictParsers.htmlOutsideItsOwnScript(HtmlReport.render(result, run)).toLowerCase(Locale.ROOT);
        assertThat(page).doesNotContain("<script", "</script");
    }

    @Provide
    Arbitrary<String> hostText() {
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> markup = Arbitraries.of("<", ">", "&", "\"", "'", "</script>", "<script", "]]>", "<!--",
                "\u001b", "\u0007", "\u0000", "\n", "\r", "\ud800", "\udc00", "\ufffd", "\ufffe", "\u202e", "\u0085")
                .list().ofMaxSize(12).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(anyChars, markup, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(30));
    }
}
