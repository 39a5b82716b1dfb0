package dev.vouch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vouch.io.Json;
import java.io.PrintWriter;
import java.util.function.Function;

/** Prints a report in the format asked for: its JSON (the versioned schema) or its text rendering. */
final class ReportOutput {
    private ReportOutput() {}

    static <R> void print(PrintWriter out, ImageOptions.Format format, R report, Function<R, String> text)
            throws JsonProcessingException {
        if (format == ImageOptions.Format.json) {
            out.println(Json.writer().writeValueAsString(report));
        } else {
            out.print(text.apply(report));
        }
        out.flush();
    }
}
