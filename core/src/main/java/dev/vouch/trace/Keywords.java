package dev.vouch.trace;

import java.util.Set;

/** The Dockerfile instructions that change only the image config (no layer), as builders record them. */
final class Keywords {
    private Keywords() {}

    static final Set<String> CONFIG = Set.of(
            "ENV",
            "LABEL",
            "USER",
            "WORKDIR",
            "EXPOSE",
            "ENTRYPOINT",
            "CMD",
            "HEALTHCHECK",
            "ARG",
            "VOLUME",
            "STOPSIGNAL",
            "SHELL",
            "ONBUILD",
            "MAINTAINER");
}
