package io.recgate.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds fields that a fabric8 model object collected as "additional properties".
 *
 * <p>The fabric8 model classes accept any unknown field into an {@code additionalProperties} map
 * (a Jackson any-setter) instead of failing, so {@code FAIL_ON_UNKNOWN_PROPERTIES} alone cannot
 * catch a misspelt or misplaced field: this walks the parsed object tree and reports every
 * non-empty such map with its path. Stateless.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    /** Paths ({@code spec.template.spec.containers[0].livenesProbe}) of every unknown field. */
    static List<String> find(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "[" + e.getKey() + "]", found);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object child;
                try {
                    child = f.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + "." + f.getName(), e);
                }
                if (f.getName().equals("additionalProperties") && child instanceof Map<?, ?> extra) {
                    for (Object key : extra.keySet()) {
                        found.add((path.isEmpty() ? "" : path + ".") + key);
                    }
                } else {
                    walk(child, (path.isEmpty() ? "" : path + ".") + f.getName(), found);
                }
            }
        }
    }
}
