package dev.vouch.server.work;

import dev.vouch.api.CheckRequest;
import dev.vouch.api.CheckResult;
import dev.vouch.api.Vouch;
import dev.vouch.check.HtmlModel;
import dev.vouch.check.render.HtmlReport;
import java.util.function.Function;

/**
 * The server's checks, made by the same pipeline as {@code vouch check} ({@link Vouch#check}): one request per
 * reference, with the options the server was started with (keys, identities, registry access, advisories, the
 * default policy).
 */
public final class PipelineChecker implements ImageChecker {
    private final Function<String, CheckRequest> requests;

    /** @param requests the request that checks a reference */
    public PipelineChecker(Function<String, CheckRequest> requests) {
        this.requests = requests;
    }

    @Override
    public Checked check(String reference) throws Exception {
        CheckResult result = Vouch.check(requests.apply(reference));
        return new Checked(result.report(), result.cycloneDx(), result.html(), result.page());
    }

    @Override
    public ImageChecker withLayerResults(dev.vouch.layer.LayerResultStore store) {
        return new PipelineChecker(requests.andThen(r -> r.withLayerResults(store)));
    }

    @Override
    public String render(HtmlModel page) {
        return HtmlReport.render(page);
    }
}
