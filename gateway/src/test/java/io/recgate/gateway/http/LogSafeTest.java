package io.recgate.gateway.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LogSafeTest {

    @Test
    void escapesControlCharactersSoNoValueCanForgeALogLine() {
        assertEquals("v1\\r\\nINFO forged\\x1b[31m\\x7f\\x00\\t\\x85\\u2028",
                LogSafe.escape("v1\r\nINFO forged\u001b[31m\u007f\u0000\t\u0085\u2028"));
        assertEquals("a\\\\nb", LogSafe.escape("a\\nb"));
        assertEquals("null", LogSafe.escape(null));
    }

    @Test
    void returnsPlainValuesUnchanged() {
        String plain = "/admin/bundles/v000001/activate?x=%0d%0a é";
        assertSame(plain, LogSafe.escape(plain));
    }
}
