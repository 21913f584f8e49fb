package io.recgate.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The gateway's command line as users meet it through {@code ./recgate serve}. */
class GatewayCliTest {

    @Test
    void serveHelpNamesTheCommandAsTheLauncherRunsIt() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new GatewayCli());
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("serve", "--help");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().startsWith("Usage: recgate serve "), out.toString());
        assertFalse(out.toString().contains("recgate-gateway"), out.toString());
    }
}
