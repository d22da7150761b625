package org.heterosyn.driver.board;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pseudo-terminal of the emulated board: a raw, 8-bit clean line both ways, and a hang-up when the host closes it. */
@Tag("unit")
class PtyTest {
    private static final int WAIT_MILLIS = 2000;

    /** Every byte value, the ones a cooked tty would interpret (CR, Ctrl-C, DEL, XON/XOFF) included. */
    private static byte[] everyByte() {
        byte[] b = new byte[256];
        for (int i = 0; i < b.length; i++) b[i] = (byte) i;
        return b;
    }

    @Test
    void bytesPassUnchangedBothWaysAndClosingHangsUp() throws Exception {
        try (Pty pty = Pty.open()) {
            assertTrue(pty.slavePath().startsWith("/dev/pts/"), pty.slavePath());
            assertEquals(Pty.Ready.TIMEOUT, pty.await(0), "no host yet: nothing to read, and no hang-up before the first open");
            try (RandomAccessFile host = new RandomAccessFile(pty.slavePath(), "rw")) {
                host.write(everyByte());
                assertArrayEquals(everyByte(), readAll(pty, 256));
                assertTrue(pty.write(everyByte()));
                byte[] got = new byte[256];
                host.readFully(got);
                assertArrayEquals(everyByte(), got, "no output processing (ONLCR) on the board's bytes");
            }
            assertEquals(Pty.Ready.HANGUP, pty.await(WAIT_MILLIS), "the host closed the port");
            assertNull(pty.read());
        }
    }

    private static byte[] readAll(Pty pty, int n) throws Exception {
        byte[] out = new byte[0];
        while (out.length < n) {
            assertEquals(Pty.Ready.DATA, pty.await(WAIT_MILLIS));
            byte[] b = pty.read();
            byte[] next = new byte[out.length + b.length];
            System.arraycopy(out, 0, next, 0, out.length);
            System.arraycopy(b, 0, next, out.length, b.length);
            out = next;
        }
        return out;
    }
}
