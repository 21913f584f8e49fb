package io.recgate.indexbuilder.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of one long step, on standard error (standard output is reserved for results and
 * {@code --json}). On a terminal: a bar redrawn in place with count, rate and ETA, at most ten
 * times a second. Otherwise (CI logs, pipes): one plain line at the start, at every tenth of the
 * way and at the end, so logs stay readable. Thread-safe: workers may call {@link #update}
 * concurrently.
 */
public final class Progress implements AutoCloseable {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 28;

    private final PrintStream out;
    private final boolean terminal;
    private final String task;
    private final String unit;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastDrawNanos;
    private int lastTenth = -1;
    private boolean closed;

    private Progress(PrintStream out, boolean terminal, String task, long total, String unit) {
        this.out = out;
        this.terminal = terminal;
        this.task = task;
        this.total = Math.max(0, total);
        this.unit = unit;
        draw(true);
    }

    /** Starts reporting a step of {@code total} units (0 when unknown). */
    public static Progress start(String task, long total, String unit) {
        return new Progress(System.err, Terminal.isStderrTerminal(), task, total, unit);
    }

    /** Sets the amount done so far. */
    public synchronized void update(long doneSoFar) {
        done = doneSoFar;
        draw(false);
    }

    /** Adds to the amount done. */
    public synchronized void advance(long by) {
        update(done + by);
    }

    /** Seconds since the step started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (total > 0) {
            done = Math.max(done, total);
        }
        if (terminal) {
            out.print('\r' + line() + "\u001b[K\n");
        } else {
            out.println(task + ": done, " + count(done) + " " + unit + " in " + duration(elapsedSeconds()));
        }
        out.flush();
    }

    private void draw(boolean first) {
        long now = System.nanoTime();
        if (terminal) {
            if (first || now - lastDrawNanos >= REDRAW_NANOS) {
                lastDrawNanos = now;
                out.print('\r' + line() + "\u001b[K");
                out.flush();
            }
            return;
        }
        int tenth = total > 0 ? (int) Math.min(10, done * 10 / total) : 0;
        if (first) {
            out.println(task + ": started" + (total > 0 ? ", " + count(total) + " " + unit : ""));
            lastTenth = 0;
        } else if (tenth > lastTenth && tenth < 10) {
            lastTenth = tenth;
            out.println(task + ": " + tenth * 10 + "% (" + count(done) + "/" + count(total) + " " + unit + ")");
        }
    }

    private String line() {
        double seconds = elapsedSeconds();
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder sb = new StringBuilder(task).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) (fraction * BAR_WIDTH);
            sb.append('[').append("=".repeat(filled)).append(filled < BAR_WIDTH ? ">" : "")
                    .append(" ".repeat(Math.max(0, BAR_WIDTH - filled - 1))).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", (int) (fraction * 100)))
                    .append(count(done)).append('/').append(count(total)).append(' ').append(unit);
            if (rate > 0 && done < total) {
                sb.append("  ").append(count((long) rate)).append(' ').append(unit).append("/s  ETA ")
                        .append(duration((total - done) / rate));
            } else {
                sb.append("  ").append(duration(seconds));
            }
        } else {
            sb.append(count(done)).append(' ').append(unit).append("  ").append(duration(seconds));
        }
        return sb.toString();
    }

    static String count(long n) {
        if (n >= 10_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return Long.toString(n);
    }

    static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.2fs", seconds);
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
