package org.heterosyn.driver.board;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The master end of a pseudo-terminal (POSIX posix_openpt, grantpt, unlockpt, ptsname_r through
 * JNA's binding of libc). A host opens the slave path ({@link #slavePath()}, /dev/pts/N) as it
 * would open /dev/ttyUSB1: it is a real tty, so jSerialComm and termios code run unchanged on it.
 * Linux only (the termios and poll constants below are Linux's).
 */
public final class Pty implements AutoCloseable {
    private static final int O_RDWR = 02;
    private static final int O_NOCTTY = 0400;
    private static final int TCSANOW = 0;
    private static final short POLLIN = 0x1;
    private static final short POLLHUP = 0x10;
    private static final int EIO = 5;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    /** glibc's struct termios is 60 bytes on Linux; a larger buffer costs nothing and is never short. */
    private static final int TERMIOS_BYTES = 256;
    private static final int PATH_BYTES = 128;
    private static final int READ_BYTES = 4096;

    /** libc, errno captured by JNA (LastErrorException). */
    interface LibC extends Library {
        LibC C = Native.load("c", LibC.class);

        int posix_openpt(int flags) throws LastErrorException;

        int grantpt(int fd) throws LastErrorException;

        int unlockpt(int fd) throws LastErrorException;

        int ptsname_r(int fd, byte[] buf, NativeLong len);

        int tcgetattr(int fd, byte[] termios) throws LastErrorException;

        void cfmakeraw(byte[] termios);

        int tcsetattr(int fd, int action, byte[] termios) throws LastErrorException;

        NativeLong read(int fd, byte[] buf, NativeLong n) throws LastErrorException;

        NativeLong write(int fd, byte[] buf, NativeLong n) throws LastErrorException;

        int poll(PollFd[] fds, int nfds, int timeoutMillis) throws LastErrorException;

        int close(int fd);
    }

    /** struct pollfd. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    public static final class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

    /** What a wait on the master saw. */
    public enum Ready {
        /** The host wrote bytes. */
        DATA,
        /** No slave is open since a host closed it (before the first open, a poll just waits: TIMEOUT). */
        HANGUP,
        /** The timeout passed. */
        TIMEOUT
    }

    private final int fd;
    private final String slave;
    private final PollFd[] pollFd = (PollFd[]) new PollFd().toArray(1);
    private final byte[] readBuffer = new byte[READ_BYTES];

    private Pty(int fd, String slave) {
        this.fd = fd;
        this.slave = slave;
    }

    /** A new pseudo-terminal whose line discipline is raw (no echo, no line editing, 8-bit clean). */
    public static Pty open() throws IOException {
        int fd;
        try {
            fd = LibC.C.posix_openpt(O_RDWR | O_NOCTTY);
        } catch (LastErrorException e) {
            throw new IOException("cannot open a pseudo-terminal (posix_openpt): " + e.getMessage(), e);
        }
        try {
            LibC.C.grantpt(fd);
            LibC.C.unlockpt(fd);
            byte[] name = new byte[PATH_BYTES];
            int err = LibC.C.ptsname_r(fd, name, new NativeLong(name.length));
            if (err != 0) throw new IOException("ptsname_r failed with error " + err);
            // On Linux, termios calls on the master act on the slave's settings: a host that opens the
            // slave without configuring it (cat, a script) still gets a raw line, as a UART bridge gives.
            byte[] t = new byte[TERMIOS_BYTES];
            LibC.C.tcgetattr(fd, t);
            LibC.C.cfmakeraw(t);
            LibC.C.tcsetattr(fd, TCSANOW, t);
            return new Pty(fd, cString(name));
        } catch (LastErrorException | IOException e) {
            LibC.C.close(fd);
            throw new IOException("cannot set up the pseudo-terminal: " + e.getMessage(), e);
        }
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    /** The path a host opens, /dev/pts/N. */
    public String slavePath() { return slave; }

    /** Waits up to {@code timeoutMillis} (0: just looks) for bytes from the host or a hang-up. */
    public Ready await(int timeoutMillis) throws IOException {
        pollFd[0].fd = fd;
        pollFd[0].events = POLLIN;
        pollFd[0].revents = 0;
        pollFd[0].write();
        int n;
        try {
            n = LibC.C.poll(pollFd, 1, timeoutMillis);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EINTR) return Ready.TIMEOUT;
            throw new IOException("poll on the pseudo-terminal: " + e.getMessage(), e);
        }
        if (n == 0) return Ready.TIMEOUT;
        pollFd[0].read();
        // Bytes written just before a close are still read: data first, the hang-up after.
        if ((pollFd[0].revents & POLLIN) != 0) return Ready.DATA;
        return (pollFd[0].revents & POLLHUP) != 0 ? Ready.HANGUP : Ready.TIMEOUT;
    }

    /** The bytes the host wrote (call after {@link Ready#DATA}); null when the host has closed the slave. */
    public byte[] read() throws IOException {
        try {
            long n = LibC.C.read(fd, readBuffer, new NativeLong(readBuffer.length)).longValue();
            return Arrays.copyOf(readBuffer, (int) n);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EIO) return null;  // Linux: no slave open any more
            if (e.getErrorCode() == EINTR || e.getErrorCode() == EAGAIN) return new byte[0];
            throw new IOException("read from the pseudo-terminal: " + e.getMessage(), e);
        }
    }

    /**
     * Writes every byte to the host, blocking while the slave's input queue is full (a host that stops
     * reading stalls the board rather than losing bytes); false when no slave is open any more.
     */
    public boolean write(byte[] b) throws IOException {
        int at = 0;
        while (at < b.length) {
            byte[] part = at == 0 ? b : Arrays.copyOfRange(b, at, b.length);
            try {
                at += (int) LibC.C.write(fd, part, new NativeLong(part.length)).longValue();
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EIO) return false;
                if (e.getErrorCode() != EINTR && e.getErrorCode() != EAGAIN) {
                    throw new IOException("write to the pseudo-terminal: " + e.getMessage(), e);
                }
            }
        }
        return true;
    }

    @Override
    public void close() { LibC.C.close(fd); }
}
