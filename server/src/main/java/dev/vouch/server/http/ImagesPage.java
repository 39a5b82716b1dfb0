package dev.vouch.server.http;

import dev.vouch.server.store.ImageSummary;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What the web page shows: the recent images with their verdicts, and the queue. */
public record ImagesPage(List<ImageSummary> images, int queued, int running, int failed, String store) {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public ImagesPage {
        images = List.copyOf(images);
    }

    public String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }

    public String verdictClass(String verdict) {
        return switch (verdict) {
            case "pass" -> "pass";
            case "fail" -> "fail";
            case "integrity failed" -> "integrity";
            default -> "none";
        };
    }
}
