package io.recgate.core.bundle;

import java.util.regex.Pattern;

/** Version directory names: {@code v} followed by at least six digits, numbered from 1. */
final class VersionNames {

    private static final Pattern NAME = Pattern.compile("v[0-9]{6,9}");

    private VersionNames() {
    }

    static String format(int number) {
        return String.format("v%06d", number);
    }

    /** The version number of a name, or -1 when the name is not a version name. */
    static int parse(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return -1;
        }
        return Integer.parseInt(name.substring(1));
    }
}
