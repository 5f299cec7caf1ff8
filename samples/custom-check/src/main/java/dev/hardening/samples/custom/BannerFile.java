package dev.hardening.samples.custom;

import java.util.Optional;

/**
 * The banner file as read on the host.
 *
 * @param content empty when the file does not exist
 */
public record BannerFile(String path, Optional<String> content) {
}
