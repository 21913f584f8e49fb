package io.recgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recgate.gateway.config.ConfigLoader;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigurationDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| ([^|]*) \\| ([^|]*) \\|", Pattern.MULTILINE);

    @Test
    void theConfigurationTableListsEveryGatewayKeyWithItsVariableAndSecretsAreMarked() throws Exception {
        String doc = Files.readString(Manifests.repoRoot().resolve("docs/CONFIGURATION.md"));
        Map<String, String> documented = new TreeMap<>();
        TreeSet<String> secrets = new TreeSet<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
            if (m.group(4).strip().equals("yes")) {
                secrets.add(m.group(1));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (String key : ConfigLoader.keys().keySet()) {
            expected.put(key, ConfigLoader.envName(key));
        }
        assertEquals(expected, documented, "docs/CONFIGURATION.md rows (key -> variable)");
        assertEquals(new TreeSet<>(StoreConfigTest.SECRET_KEYS), secrets, "keys marked secret");
    }
}
