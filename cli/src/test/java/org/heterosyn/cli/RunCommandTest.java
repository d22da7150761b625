package org.heterosyn.cli;

import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.HexWords;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Response;
import org.heterosyn.protocol.Status;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class RunCommandTest {
    @TempDir Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cl = HeterosynCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void runsACommandFileAndWritesOneResponsePerCommand() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, "{\"name\": \"s\", \"layers\": [4, 3, 2], \"rule\": \"bp\"}");
        Path in = dir.resolve("cmds.hex");
        StringBuilder text = new StringBuilder("# set the counter, train once, read W_1, then a bad opcode\n");
        for (Command c : List.of(new Command.SetParam(Param.SAMPLE_COUNTER, 3),
                new Command.Train(1, new int[] {4096, 0, 2048, 0xF000}), new Command.ReadWeights(1, 0, 0, 6))) {
            text.append(HexWords.format(c.words()));
        }
        text.append("0xAB000000\n");
        Files.writeString(in, text);
        Path out = dir.resolve("resp.hex");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "run", "--spec", spec.toString(), "--in", in.toString(), "--out", out.toString()), err.toString());
        List<Response> r = Response.parseAll(HexWords.read(out));
        assertEquals(List.of(Status.OK, Status.OK, Status.OK, Status.UNKNOWN_OPCODE), r.stream().map(Response::status).toList());
        assertEquals(2, r.get(1).payload().length);
        assertEquals(6, r.get(2).payload().length);
    }

    @Test
    void aBadWordOrATruncatedStreamFailsWithoutWritingOutput() throws Exception {
        Path out = dir.resolve("resp.hex");
        Path in = dir.resolve("bad.hex");
        Files.writeString(in, "06000000\nnot-hex\n");
        StringWriter err = new StringWriter();
        assertEquals(UserErrors.USER_ERROR, run(err, "run", "--in", in.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("bad.hex:2") && err.toString().contains("not a 32-bit hex word"), err.toString());
        Files.writeString(in, "01000001\n");
        err = new StringWriter();
        assertEquals(UserErrors.USER_ERROR, run(err, "run", "--in", in.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("ends inside the command"), err.toString());
        assertFalse(Files.exists(out));
    }
}
