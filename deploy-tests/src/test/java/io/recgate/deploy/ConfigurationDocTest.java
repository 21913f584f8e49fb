package io.recgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.gateway.config.ConfigLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md against the gateway's {@link ConfigLoader}: one row per key, with its
 * environment variable, its real default and the secret mark.
 */
class ConfigurationDocTest {

    /** {@code | `key` | `VARIABLE` | default | secret | meaning |}. */
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([^`]+)` \\| `([^`]+)` \\| ([^|]*) \\| ([^|]*) \\| ([^|]*) \\|$", Pattern.MULTILINE);

    private record Row(String key, String variable, String defaultValue, boolean secret, String meaning) {
    }

    private static Map<String, Row> rows;

    @BeforeAll
    static void readTable() throws Exception {
        String doc = Files.readString(Manifests.repoRoot().resolve("docs/CONFIGURATION.md"));
        rows = new TreeMap<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            Row row = new Row(m.group(1), m.group(2), m.group(3).strip(), m.group(4).strip().equals("yes"),
                    m.group(5).strip());
            Row before = rows.put(row.key(), row);
            assertNull(before, "two rows for " + row.key());
        }
    }

    @Test
    void theConfigurationTableListsEveryGatewayKeyWithItsVariableAndSecretsAreMarked() {
        Map<String, String> documented = new TreeMap<>();
        TreeSet<String> secrets = new TreeSet<>();
        rows.values().forEach(r -> {
            documented.put(r.key(), r.variable());
            if (r.secret()) {
                secrets.add(r.key());
            }
        });
        Map<String, String> expected = new TreeMap<>();
        for (String key : ConfigLoader.keys().keySet()) {
            expected.put(key, ConfigLoader.envName(key));
        }
        assertEquals(expected, documented, "docs/CONFIGURATION.md rows (key -> variable)");
        assertEquals(new TreeSet<>(StoreConfigTest.SECRET_KEYS), secrets, "keys marked secret");
    }

    @Test
    void everyDocumentedDefaultIsTheGatewaysRealDefault() {
        List<String> wrong = new ArrayList<>();
        ConfigLoader.keys().forEach((key, real) -> {
            Row row = rows.get(key);
            if (row != null && !real.equals(documentedDefault(row.defaultValue()))) {
                wrong.add(key + ": documented " + row.defaultValue() + ", real '" + real + "'");
            }
        });
        assertEquals(List.of(), wrong, "docs/CONFIGURATION.md defaults");
    }

    @Test
    void everyRowSaysWhatItsKeyMeansInItsOwnWords() {
        // Rows copied from a table that grouped keys once shared one meaning (http.port as a "bind address").
        Map<String, List<String>> byMeaning = new TreeMap<>();
        rows.values().forEach(r -> byMeaning.computeIfAbsent(r.meaning(), x -> new ArrayList<>()).add(r.key()));
        byMeaning.forEach((meaning, keys) -> assertEquals(1, keys.size(), "keys sharing one meaning: " + keys));
        rows.values().forEach(r -> assertFalse(r.meaning().isEmpty(), r.key() + " has no meaning"));
        assertTrue(rows.get("http.port").meaning().contains("port"), rows.get("http.port").meaning());
        assertFalse(rows.get("http.port").meaning().contains("bind address"), rows.get("http.port").meaning());
    }

    /** The value a default cell stands for: `x` is x, none is empty, CPU cores is the processor count. */
    private static String documentedDefault(String cell) {
        if (cell.equals("none")) {
            return "";
        }
        if (cell.equals("CPU cores")) {
            return Integer.toString(Runtime.getRuntime().availableProcessors());
        }
        if (cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`")) {
            return cell.substring(1, cell.length() - 1);
        }
        return cell;
    }
}
