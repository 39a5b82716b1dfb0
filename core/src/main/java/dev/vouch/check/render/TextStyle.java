package dev.vouch.check.render;

/** Terminal text: ANSI colours, only when asked for. */
record TextStyle(boolean colour) {
    String red(String s) {
        return paint("31;1", s);
    }

    String green(String s) {
        return paint("32;1", s);
    }

    String yellow(String s) {
        return paint("33;1", s);
    }

    String bold(String s) {
        return paint("1", s);
    }

    private String paint(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
