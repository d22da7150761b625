package org.heterosyn.cli;

import org.heterosyn.driver.Device;
import org.heterosyn.driver.Devices;
import org.heterosyn.driver.link.LinkServer;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Serve a device over TCP with the board link's framing (docs/link.md), as a board does behind its UART.",
            "",
            "Clients open it as --device tcp:HOST:PORT. Useful to run the RTL (verilator:DIR) on another machine, "
                + "or to exercise the host side of the link without a board. One client at a time; others get a one-line "
                + "busy answer. Stops on Ctrl-C."},
        footer = {"", "Example: bin/heterosyn serve --device verilator:out/design --port 7000"})
final class ServeCommand implements Callable<Integer> {
    /** The server's go-back-N timeout: TCP's, as the client uses (docs/link.md, "Sending"). */
    private static final long ACK_TIMEOUT_MILLIS = 1000;

    @Mixin SpecOptions specOptions;

    @Option(names = "--device", paramLabel = "URI", defaultValue = "fast",
            description = "What to serve: fast or verilator:DIR. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7000",
            description = "TCP port on the loopback interface (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    private static final int MAX_PORT = 65_535;

    @Option(names = "--idle-timeout", paramLabel = "S", defaultValue = "30",
            description = "Drop a client that sends no frame for this many seconds, so it cannot lock others out. "
                + "Default: ${DEFAULT-VALUE}.")
    int idleSeconds;

    @Override
    public Integer call() throws Exception {
        checkPort();
        DesignSpec spec = specOptions.given() || !device.startsWith("verilator") ? specOptions.load() : null;
        try (Device dev = Devices.open(device, spec); LinkServer server = listen(dev)) {
            System.out.printf("serving %s (%s) on tcp:127.0.0.1:%d%n", dev.uri(), dev.spec().name(), server.port());
            server.serve();
        }
        return 0;
    }

    /** Before the device is opened (a Verilator build can take minutes): a port in use fails at once. */
    private void checkPort() {
        if (port < 0 || port > MAX_PORT) throw new IllegalArgumentException("--port: " + port + " is out of range [0, " + MAX_PORT + "]");
        if (port == 0) return;
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // bound, so free; closed at once (a socket that accepted nothing leaves no TIME_WAIT behind)
        } catch (IOException e) {
            throw inUse(e);
        }
    }

    private LinkServer listen(Device dev) throws IOException {
        try {
            return new LinkServer(dev, port, ACK_TIMEOUT_MILLIS, idleSeconds * 1000L, line -> System.err.println("serve: " + line));
        } catch (BindException e) {
            throw inUse(e);  // taken between the check and now
        }
    }

    private IllegalArgumentException inUse(IOException e) {
        return new IllegalArgumentException("--port: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage()
                + " (another server holds it? pick another --port, or 0 for any free one)");
    }
}
