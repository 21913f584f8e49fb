package io.recgate.indexbuilder.cli;

/**
 * Whether standard error is a terminal. Java cannot ask the OS about stderr alone, so the
 * {@code recgate} launcher tests it ({@code [ -t 2 ]}) and passes {@code -Drecgate.stderr.tty}.
 * Without the property we fall back to whether a console is attached at all.
 */
final class Terminal {

    private Terminal() {
    }

    static boolean isStderrTerminal() {
        String property = System.getProperty("recgate.stderr.tty");
        if (property != null) {
            return Boolean.parseBoolean(property);
        }
        return System.console() != null;
    }
}
