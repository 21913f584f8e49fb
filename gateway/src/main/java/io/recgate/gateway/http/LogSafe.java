package io.recgate.gateway.http;

/**
 * Makes a value that came from a request (a path, a path parameter, a header) safe to put in a log
 * line: no value can start a forged line or drive a terminal. Stateless and thread-safe.
 */
public final class LogSafe {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogSafe() {
    }

    /**
     * {@code s} with control characters escaped: CR, LF and tab as {@code \r}, {@code \n},
     * {@code \t}; other C0 controls, DEL, C1 controls and the Unicode line and paragraph separators
     * as {@code \xNN} or {@code \}{@code uNNNN}; a backslash as {@code \\} so the escaping stays
     * unambiguous. {@code null} stays {@code "null"}. Returns {@code s} itself when nothing needs
     * escaping.
     */
    public static String escape(Object value) {
        String s = String.valueOf(value);
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x100 && needsEscape(c)) {
                        b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (needsEscape(c)) {
                        b.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '\\' || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
