package org.heterosyn.driver;

import org.heterosyn.spec.DesignSpec;

import com.fazecast.jSerialComm.SerialPort;
import org.heterosyn.driver.link.LinkDevice;
import org.heterosyn.driver.link.LinkEndpoint;
import org.heterosyn.driver.link.SerialPorts;
import org.heterosyn.link.LinkFrame;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;

/**
 * Opens a {@link Device} by URI:
 * <pre>
 *   fast              the fixed-point fast model, executing commands at command boundaries
 *   emu               the cycle emulator, the generated hardware's twin clocked cycle by cycle
 *   verilator:DIR     the generated design in DIR under Verilator (built and cached on first use)
 *   tcp:HOST:PORT     a board link over TCP (`heterosyn serve`), framed as on the UART
 *   serial:PORT[@BAUD] a board on a serial port (default 6 Mbaud, the iCEBreaker build's rate), framed (docs/link.md)
 * </pre>
 */
public final class Devices {
    public static final String SCHEMES = "fast, emu, verilator:DIR, tcp:HOST:PORT, serial:PORT[@BAUD]";
    /** TCP does not lose frames; a long timeout only rides out a busy server (docs/link.md). */
    static final long TCP_ACK_MILLIS = 1000;
    /** A window of 8 frames takes 3.5 ms at 6 Mbaud; 100 ms leaves room for FTDI latency and a busy host. */
    static final long SERIAL_ACK_MILLIS = 100;
    /** The iCEBreaker build's UART: 24 MHz / 4, a rate the FT2232H makes exactly (docs/link.md, "Line and rate"). */
    public static final int DEFAULT_BAUD = 6_000_000;
    private static final Path SYS_USB_SERIAL = Path.of("/sys/bus/usb-serial/devices");

    private Devices() {}

    /**
     * @param spec the design for devices that do not carry their own (fast); a design directory
     *             carries its spec in its manifest, and a different {@code spec} is an error
     */
    public static Device open(String uri, DesignSpec spec) {
        String[] parts = uri.split(":", 2);
        String arg = parts.length > 1 ? parts[1] : "";
        Device d = switch (parts[0]) {
            case "fast" -> new FastDevice(uri, need(spec, uri));
            case "emu" -> new EmuDevice(uri, need(spec, uri));
            case "verilator" -> new VerilatorDevice(uri, Path.of(nonEmpty(arg, uri, "a design directory")));
            case "tcp" -> tcp(uri, nonEmpty(arg, uri, "HOST:PORT"), need(spec, uri));
            case "serial" -> serial(uri, nonEmpty(arg, uri, "a serial port"), need(spec, uri));
            default -> throw new DeviceException("unknown device '" + uri + "'; allowed: " + SCHEMES);
        };
        if (spec != null && !spec.equals(d.spec())) {
            d.close();
            throw new DeviceException(uri + " holds design " + d.spec().name() + ", not the requested " + spec.name()
                    + " (regenerate it, or omit --spec)");
        }
        return d;
    }

    private static Device tcp(String uri, String hostPort, DesignSpec spec) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) throw new DeviceException(uri + ": expected tcp:HOST:PORT");
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new DeviceException(uri + ": port '" + hostPort.substring(colon + 1) + "' is not a number");
        }
        try {
            Socket s = new Socket(hostPort.substring(0, colon), port);
            s.setTcpNoDelay(true);
            LinkEndpoint link = new LinkEndpoint(uri, s.getInputStream(), s.getOutputStream(), TCP_ACK_MILLIS, LinkFrame.RETRY_ROUNDS);
            return new LinkDevice(uri, spec, link, s);
        } catch (IOException e) {
            throw new DeviceException(uri + ": cannot connect: " + e.getMessage(), e);
        }
    }

    private static Device serial(String uri, String arg, DesignSpec spec) {
        String[] p = arg.split("@", 2);
        int baud = DEFAULT_BAUD;
        if (p.length > 1) {
            try {
                baud = Integer.parseInt(p[1]);
            } catch (NumberFormatException e) {
                throw new DeviceException(uri + ": baud rate '" + p[1] + "' is not a number");
            }
        }
        if (SerialPorts.isPseudoTerminal(p[0])) {
            debug(p[0] + ": a pseudo-terminal (an emulated board): opened at " + SerialPorts.PTY_BAUD + " baud, which it ignores");
            baud = SerialPorts.PTY_BAUD;
        }
        SerialPort port = SerialPort.getCommPort(p[0]);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 0, 0);
        if (!port.openPort()) throw new DeviceException(uri + ": cannot open serial port " + p[0]);
        debug(SerialPorts.lowerLatency(p[0], SYS_USB_SERIAL));
        LinkEndpoint link = new LinkEndpoint(uri, port.getInputStream(), port.getOutputStream(), SERIAL_ACK_MILLIS, LinkFrame.RETRY_ROUNDS);
        return new LinkDevice(uri, spec, link, port::closePort);
    }

    /** A line on stderr when HETEROSYN_DEBUG is set: details a user needs only when something is slow or odd. */
    static void debug(String line) {
        if (System.getenv("HETEROSYN_DEBUG") != null) System.err.println("heterosyn: debug: " + line);
    }

    private static DesignSpec need(DesignSpec spec, String uri) {
        if (spec == null) throw new DeviceException(uri + " needs a spec (--spec)");
        return spec;
    }

    private static String nonEmpty(String s, String uri, String what) {
        if (s.isEmpty()) throw new DeviceException(uri + ": missing " + what + " after ':'");
        return s;
    }

}
