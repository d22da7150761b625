package org.heterosyn.driver.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The FTDI latency timer of a USB serial port (docs/link.md, "Sending"): an FT2232H holds received
 * bytes until a 62-byte USB packet fills or this timer (16 ms by default) expires, which would add
 * up to 16 ms to every ACK. Linux exposes it as /sys/bus/usb-serial/devices/TTY/latency_timer.
 */
public final class SerialPorts {
    public static final int LATENCY_MILLIS = 1;
    /**
     * The rate a pseudo-terminal is opened at. A pty has no line rate, but jSerialComm 2.11 sets a
     * rate that is not a termios constant (6 Mbaud is not) with an ioctl a pty refuses (ENOTTY), and
     * then fails to open; any standard rate opens it and changes nothing else.
     */
    public static final int PTY_BAUD = 115_200;
    private static final Path PTS = Path.of("/dev/pts");

    private SerialPorts() {}

    /** Whether {@code port} is the slave of a pseudo-terminal (/dev/pts/N, or a link to one): an emulated board. */
    public static boolean isPseudoTerminal(String port) {
        try {
            return Path.of(port).toRealPath().startsWith(PTS);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Sets the port's latency timer to {@link #LATENCY_MILLIS} ms where the file exists and is
     * writable; returns a line saying what happened (for a debug message), never throws.
     */
    public static String lowerLatency(String port, Path sysUsbSerial) {
        Path dev = Path.of(port);
        String tty;
        try {
            tty = dev.toRealPath().getFileName().toString();  // /dev/serial/by-id/... links to /dev/ttyUSBn
        } catch (IOException | RuntimeException e) {
            tty = dev.getFileName() == null ? port : dev.getFileName().toString();
        }
        Path timer = sysUsbSerial.resolve(tty).resolve("latency_timer");
        if (!Files.exists(timer)) return port + ": no " + timer + " (not a USB serial port, or not Linux); latency timer left alone";
        try {
            Files.writeString(timer, LATENCY_MILLIS + "\n", StandardCharsets.US_ASCII);
            return port + ": FTDI latency timer set to " + LATENCY_MILLIS + " ms";
        } catch (IOException | SecurityException e) {
            return port + ": cannot write " + timer + " (" + e.getMessage() + "); ACKs may wait up to 16 ms "
                    + "(make it writable with a udev rule, docs/driver.md)";
        }
    }
}
