package coop.entraide.node.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    /** Output of one command line run. */
    record Run(int code, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run r = run(Map.of(), "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("serve"), r.out());
    }

    @Test
    void serveHelpDocumentsEverySetting() {
        Run r = run(Map.of(), "serve", "--help");
        assertEquals(0, r.code());
        for (String flag : new String[] {"--base-url", "--bind", "--port", "--data-dir", "--database-url", "--allow-private-network"}) {
            assertTrue(r.out().contains(flag), flag + " missing from:\n" + r.out());
        }
    }

    @Test
    void aBadSettingIsOneReadableLineAndExitCodeTwo() {
        Run r = run(Map.of(), "serve", "--base-url", "ftp://voisins.example", "--data-dir", "/tmp/never-created-entraide");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("entraide: --base-url: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void environmentVariablesProvideDefaults() {
        Run r = run(Map.of("ENTRAIDE_PORT", "70000"), "serve");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--port: must be between 0 and 65535, got 70000"), r.err());
    }

    @Test
    void aFlagWinsOverTheEnvironment() {
        Run r = run(Map.of("ENTRAIDE_BASE_URL", "https://voisins.example"), "serve", "--base-url", "gopher://x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("gopher://x"), r.err());
    }

    @Test
    void anUnknownFlagIsReportedWithUsage() {
        Run r = run(Map.of(), "serve", "--frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.err());
    }

    @Test
    void flagsAloneMeanServe() {
        var cli = Main.commandLine(Map.of());
        assertArrayEquals(new String[] {"serve"}, Main.withDefaultCommand(new String[0], cli));
        assertArrayEquals(new String[] {"serve", "--port", "1"}, Main.withDefaultCommand(new String[] {"--port", "1"}, cli));
        assertArrayEquals(new String[] {"--help"}, Main.withDefaultCommand(new String[] {"--help"}, cli));
        assertArrayEquals(new String[] {"serve", "--port", "1"}, Main.withDefaultCommand(new String[] {"serve", "--port", "1"}, cli));
    }

    @Test
    void variableNamesFollowTheFlagNames() {
        assertEquals("ENTRAIDE_ALLOW_PRIVATE_NETWORK", EnvironmentDefaults.variableFor("--allow-private-network"));
        assertEquals("ENTRAIDE_DATABASE_URL", EnvironmentDefaults.variableFor("--database-url"));
    }
}
