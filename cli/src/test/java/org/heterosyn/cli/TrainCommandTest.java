package org.heterosyn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.heterosyn.driver.FastDevice;
import org.heterosyn.driver.link.LinkServer;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class TrainCommandTest {
    @TempDir Path dir;

    @Test
    void trainWritesResultsAndPlots() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, "{\"name\": \"t\", \"layers\": [8, 6, 3], \"rule\": \"kp\"}");
        Path out = dir.resolve("out");
        Cli r = Cli.run("train", "--quiet", "--spec", spec.toString(), "--dataset", "teacher", "--teacher-train", "600",
                "--teacher-test", "100", "--epochs", "2", "--engine", "fast", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("kp", res.get("rule").asText());
        assertEquals("fast", res.get("engine").asText());
        assertEquals(2, res.get("epochs").size());
        JsonNode last = res.get("epochs").get(1);
        for (String key : new String[] {"test_accuracy", "train_loss", "alignment_deg", "grad_cosine", "phi_median"}) {
            assertTrue(last.has(key), "epoch entry lacks " + key);
        }
        assertEquals(1, last.get("alignment_deg").size());
        assertEquals(2, last.get("grad_cosine").size());
        assertTrue(res.get("samples_per_s").asDouble() > 0);
        assertEquals(64, res.get("weights_sha256").asText().length());
        assertTrue(Files.size(out.resolve("accuracy.png")) > 1000);
        assertTrue(Files.size(out.resolve("alignment.png")) > 1000);
    }

    /** hsp's metrics reach results.json: phi per neuron (paper's sign), DC fraction, |dV̄|, Hebbian overlap. */
    @Test
    void hspWritesItsHeteroMetrics() throws Exception {
        Path spec = dir.resolve("h.json");
        Files.writeString(spec, "{\"name\": \"h\", \"layers\": [8, 6, 3], \"rule\": \"hsp\","
                + " \"feedback\": {\"neurons\": 4, \"density\": 0.5, \"seed\": 3}}");
        Path out = dir.resolve("hsp");
        Cli r = Cli.run("train", "--quiet", "--spec", spec.toString(), "--dataset", "teacher", "--teacher-train", "600",
                "--teacher-test", "100", "--epochs", "1", "--probe-every", "10", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(4, res.get("spec").get("feedback").get("neurons").asInt());
        JsonNode e = res.get("epochs").get(0);
        assertEquals(6, e.get("phi").get(0).get("neurons").size());
        assertTrue(e.get("phi_majority").get(0).asDouble() >= 0.5);
        assertTrue(e.get("hetero_change").get(0).asDouble() > 0, "V̄ changed: " + e.get("hetero_change"));
        assertTrue(e.get("hebbian_overlap").get(0).isNumber());
    }

    @Test
    void sameSpecAndDataGiveTheSameWeightHash() throws Exception {
        String[] hashes = new String[2];
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("o" + i);
            assertEquals(0, Cli.run("train", "--quiet", "--spec", tiny(), "--dataset",
                    "teacher", "--teacher-train", "300", "--teacher-test", "50", "--epochs", "1", "--out", out.toString()).code());
            hashes[i] = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("weights_sha256").asText();
        }
        assertEquals(hashes[0], hashes[1]);
    }

    @Test
    void badInputGivesOneClearLineAndExitCode2() throws Exception {
        Cli missing = Cli.run("train", "--spec", dir.resolve("nope.json").toString());
        assertEquals(UserErrors.USER_ERROR, missing.code());
        assertTrue(missing.err().contains("nope.json does not exist"), missing.err());
        assertFalse(missing.err().contains("\tat "), "no stack trace for a user error: " + missing.err());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"layers\": [4, 3], \"rule\": \"sgd\"}");
        Cli rule = Cli.run("train", "--spec", bad.toString());
        assertEquals(UserErrors.USER_ERROR, rule.code());
        assertTrue(rule.err().contains("rule: unknown rule 'sgd'"), rule.err());

        Cli engine = Cli.run("train", "--spec", tiny(), "--engine", "gpu", "--dataset", "teacher");
        assertEquals(UserErrors.USER_ERROR, engine.code());
        assertTrue(engine.err().contains("--engine: unknown engine 'gpu'"), engine.err());

        Cli option = Cli.run("train", "--epochs");
        assertEquals(UserErrors.USER_ERROR, option.code());
        assertTrue(option.err().contains("Missing required parameter for option '--epochs'"), option.err());

        // --out in the test's directory: the run takes its output's lock (a file beside it) before it loads data.
        Cli data = Cli.run("train", "--spec", tiny(), "--data-dir", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(UserErrors.USER_ERROR, data.code());
        assertTrue(data.err().contains("no train-images-idx3-ubyte"), data.err());
    }

    @Test
    void trainingThroughServeOverTcpGivesTheFastWeightsAndReportsTheLink() throws Exception {
        String[] common = {"--quiet", "--spec", tiny(), "--dataset", "teacher", "--teacher-train", "300", "--teacher-test", "50",
            "--epochs", "1"};
        Path fastOut = dir.resolve("fast");
        assertEquals(0, Cli.run(concat(new String[] {"train", "--out", fastOut.toString()}, common)).code());
        DesignSpec spec = SpecJson.read(Path.of(tiny()));
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (FastDevice board = new FastDevice("fast", spec); LinkServer server = new LinkServer(board, 0, 1000)) {
            Thread t = new Thread(server::serve);
            t.setDaemon(true);
            t.start();
            Path tcpOut = dir.resolve("tcp");
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Cli r;
            try {
                r = Cli.run(concat(new String[] {"train", "--device", "tcp:127.0.0.1:" + server.port(), "--out", tcpOut.toString()}, common));
            } finally {
                System.setOut(stdout);
            }
            assertEquals(0, r.code(), r.err());
            ObjectMapper json = new ObjectMapper();
            assertEquals(json.readTree(fastOut.resolve("results.json").toFile()).get("weights_sha256").asText(),
                    json.readTree(tcpOut.resolve("results.json").toFile()).get("weights_sha256").asText());
            String printed = captured.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("link: 0 frames sent again"), printed);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private String tiny() throws Exception {
        Path p = dir.resolve("tiny.json");
        if (!Files.exists(p)) Files.writeString(p, "{\"name\": \"tiny\", \"layers\": [5, 4, 3], \"rule\": \"kp\"}");
        return p.toString();
    }
}
