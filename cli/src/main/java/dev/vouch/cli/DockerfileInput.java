package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading a Dockerfile (a path or {@code -} for stdin) and {@code --build-arg} values, for every verb that takes them. */
final class DockerfileInput {
    static final int MAX_DOCKERFILE = 4 << 20;

    private DockerfileInput() {}

    /** The file's text: bounded, UTF-8 or a one-line error naming it. */
    static String read(String p, InputStream stdin) throws IOException {
        byte[] bytes;
        if (p.equals("-")) {
            bytes = BoundedReads.readAll(stdin, MAX_DOCKERFILE, "<stdin>");
        } else {
            bytes = BoundedReads.readFile(Path.of(p), MAX_DOCKERFILE);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException((p.equals("-") ? "<stdin>" : p) + ": not UTF-8 text");
        }
    }

    /** {@code KEY=VALUE} build arguments, in order. */
    static Map<String, String> buildArgs(List<String> given) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String kv : given) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--build-arg " + kv + ": expected KEY=VALUE");
            }
            args.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return args;
    }
}
