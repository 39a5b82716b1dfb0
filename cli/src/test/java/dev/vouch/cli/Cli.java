package dev.vouch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in-process and captures what it prints. */
final class Cli {
    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }

        /** The error line, asserting there is exactly one. */
        String errorLine() {
            String e = err.strip();
            if (e.contains("\n")) {
                throw new AssertionError("expected one line on stderr, got:\n" + err);
            }
            return e;
        }
    }

    private Cli() {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** The environment of a fresh user: their own HOME (so the default cache and credentials are theirs), the PATH. */
    static java.util.Map<String, String> freshUser(java.nio.file.Path home) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv("PATH"));
        return env;
    }

    /** A fresh user whose reports are 500 columns wide ({@code COLUMNS}), for tests that read one finding per line. */
    static java.util.Map<String, String> wideUser(java.nio.file.Path home) {
        java.util.Map<String, String> env = freshUser(home);
        env.put("COLUMNS", "500");
        return env;
    }

    /** Runs with a given environment (HOME, DOCKER_CONFIG, PATH…) and standard input, as a fresh process would. */
    static Result runIn(java.util.Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var in = new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), new Main.Context(env, in));
        return new Result(code, out.toString(), err.toString());
    }
}
