package org.heterosyn.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Common mistakes each give exit code 2 and one line naming the problem, never a stack trace (docs/reliability.md). */
@Tag("unit")
class UserMistakesTest {
    @TempDir static Path dir;

    private static String file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private static final String TEACHER = "--dataset teacher --teacher-train 50 --teacher-test 10 --epochs 1 --quiet";

    static Stream<Arguments> mistakes() throws IOException {
        String ok = file("ok.json", "{\"name\": \"t\", \"layers\": [5, 4, 3], \"rule\": \"kp\"}");
        String aFile = file("a-file.txt", "x");
        Files.createDirectories(dir.resolve("a-dir"));
        List<Arguments> m = new ArrayList<>();
        m.add(Arguments.of("run --in " + dir.resolve("missing.hex") + " --out " + dir.resolve("r.hex"), "missing.hex: no such file or directory"));
        m.add(Arguments.of("run --in " + file("c.hex", "06000000\n") + " --out " + dir.resolve("a-dir"), "is a directory, not a file"));
        m.add(Arguments.of("train --spec " + ok + " " + TEACHER + " --out " + aFile, "a-file.txt exists and is not a directory"));
        m.add(Arguments.of("train --spec " + ok + " " + TEACHER + " --out " + aFile + "/sub", "cannot write"));
        m.add(Arguments.of("train --spec " + ok + " " + TEACHER + " --teacher-noise NaN --out " + dir.resolve("o"), "finite noise >= 0; got 5, 32, 3, 50, 10, NaN"));
        m.add(Arguments.of("train --spec " + ok + " " + TEACHER + " --teacher-noise -Infinity --out " + dir.resolve("o"), "finite noise >= 0"));
        m.add(Arguments.of("train --spec " + ok + " " + TEACHER + " --limit 0 --out " + dir.resolve("o"), "--limit: must be at least 1, got 0"));
        m.add(Arguments.of("train --spec " + ok + " --data-dir " + dir.resolve("none") + " --out " + dir.resolve("o"), "no train-images-idx3-ubyte"));
        m.add(Arguments.of("generate --spec " + file("dup.json", "{\"layers\": [4, 3], \"rule\": \"kp\", \"rule\": \"bp\"}") + " --out " + dir.resolve("g"),
                "not valid JSON: Duplicate field 'rule'"));
        m.add(Arguments.of("generate --spec " + file("trail.json", "{\"layers\": [4, 3], \"rule\": \"kp\"} x") + " --out " + dir.resolve("g"), "not valid JSON"));
        m.add(Arguments.of("generate --spec " + file("deep.json", "[".repeat(5000) + "]".repeat(5000)) + " --out " + dir.resolve("g"), "nesting depth"));
        m.add(Arguments.of("generate --spec " + file("dots.json", "{\"name\": \"..\", \"layers\": [4, 3], \"rule\": \"kp\"}") + " --out " + dir.resolve("g"),
                "name: '..' must be 1 to 64"));
        m.add(Arguments.of("generate --spec " + file("big.json", "{\"layers\": [65535, 65535], \"rule\": \"kp\"}") + " --out " + dir.resolve("g"),
                "store 4294836225 weights"));
        m.add(Arguments.of("generate --spec " + dir.resolve("nope.json") + " --out " + dir.resolve("g"), "nope.json does not exist"));
        m.add(Arguments.of("generate --spec " + ok + " --out " + aFile, "a-file.txt exists and is not a directory"));
        m.add(Arguments.of("train --spec " + ok + " " + TEACHER + " --device bogus:x --out " + dir.resolve("o"), "unknown device 'bogus:x'"));
        m.add(Arguments.of("train " + TEACHER + " --device verilator:" + dir.resolve("no-design") + " --out " + dir.resolve("o"), "manifest.json does not exist"));
        m.add(Arguments.of("train --spec " + ok + " " + TEACHER + " --device tcp:127.0.0.1:http --out " + dir.resolve("o"), "port 'http' is not a number"));
        m.add(Arguments.of("cosim --spec " + ok + " --commands " + dir.resolve("gone.hex"), "gone.hex: no such file or directory"));
        m.add(Arguments.of("serve --port 99999", "--port: 99999 is out of range [0, 65535]"));
        m.add(Arguments.of("train --spec " + ok + " " + TEACHER + " --rule sgd --out " + dir.resolve("o"), "rule: unknown rule 'sgd'"));
        return m.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void givesOneLineAndExitCode2(String args, String says) {
        Cli r = Cli.run(args.split(" "));
        assertEquals(UserErrors.USER_ERROR, r.code(), r.err());
        assertFalse(r.hasStackTrace(), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("heterosyn " + args.split(" ")[0] + ": ") && r.err().contains(says), r.err());
    }

    @Test
    void aPortInUseIsOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli r = Cli.run("serve", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(UserErrors.USER_ERROR, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("--port: cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
        }
    }

    @Test
    void aMissingRequiredOptionNamesIt() {
        Cli r = Cli.run("run", "--out", dir.resolve("r.hex").toString());
        assertEquals(UserErrors.USER_ERROR, r.code());
        assertTrue(r.err().startsWith("Missing required option: '--in=FILE'"), r.err());
    }

    @Test
    void debugShowsTheTraceOfAUserErrorToo() {
        Cli r = Cli.run("run", "--debug", "--in", dir.resolve("missing.hex").toString(), "--out", dir.resolve("r.hex").toString());
        assertEquals(UserErrors.USER_ERROR, r.code());
        assertTrue(r.hasStackTrace() && r.err().contains("NoSuchFileException"), r.err());
        assertTrue(r.err().strip().endsWith("heterosyn run: " + dir.resolve("missing.hex") + ": no such file or directory"), r.err());
    }

    /** Anything not known to be the user's mistake is a bug: the handler passes it on with its trace. */
    @Test
    void aBugIsNotAUserError() {
        assertNull(UserErrors.userMessage(new NullPointerException("x")));
        assertNull(UserErrors.userMessage(new IllegalStateException("x")));
        assertNull(UserErrors.userMessage(new StackOverflowError()));
    }
}
