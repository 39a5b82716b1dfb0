package dev.vouch.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option of the verbs that print a report. */
final class TextOrJson {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "text or json (default: text).",
            defaultValue = "text")
    ImageOptions.Format format;
}
