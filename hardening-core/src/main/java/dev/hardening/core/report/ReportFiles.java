package dev.hardening.core.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a report atomically: into a temporary file in the same folder, then renamed over the old
 * one. A build killed while writing leaves the previous report or none, never half of one that a
 * reader could take for a complete (passing) report.
 */
final class ReportFiles {
    private ReportFiles() {
    }

    static Path write(Path reportDir, String fileName, String content) throws IOException {
        Files.createDirectories(reportDir);
        Path target = reportDir.resolve(fileName);
        Path temporary = Files.createTempFile(reportDir, "." + fileName + ".", ".tmp");
        try {
            Files.writeString(temporary, content);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
