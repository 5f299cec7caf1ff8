package dev.hardening.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.hardening.core.gate.GateResult;

/**
 * Renders the HTML report of one host and of 50 hosts and photographs them with headless Chromium at
 * 1,400 px, for people to look at (lab/report-screenshots.sh runs it; CI does not: tag screenshots).
 */
@Tag("screenshots")
class ReportScreenshotsTest {
    private static final Path OUT = Path.of("target", "report-screenshots");

    @ParameterizedTest
    @ValueSource(strings = {"one-host", "fifty-hosts"})
    void screenshotAt1400Pixels(String name) throws Exception {
        GateResult result = name.equals("one-host") ? ReportSamples.oneHost() : ReportSamples.fiftyHosts();
        Files.createDirectories(OUT);
        Path html = OUT.resolve(name + ".html").toAbsolutePath();
        Files.writeString(html, HtmlReport.render(result, ReportSamples.RUN));
        Path png = OUT.resolve(name + ".png").toAbsolutePath();
        Files.deleteIfExists(png);
        String chromium = System.getProperty("chromium", "chromium");
        assumeTrue(onPath(chromium), chromium + " is not installed (apt-get install chromium)");

        Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars=false", "--screenshot=" + png, "--window-size=1400,"
                        + System.getProperty("screenshot.height", "2000"), html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(OUT.resolve(name + ".chromium.log").toFile()).start();

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
