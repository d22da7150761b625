package org.heterosyn.cli;

import org.heterosyn.board.BoardException;
import org.heterosyn.data.DataException;
import org.heterosyn.driver.DeviceException;
import org.heterosyn.driver.verilator.VerilatorException;
import org.heterosyn.fpga.FpgaException;
import org.heterosyn.files.IoReason;
import org.heterosyn.files.OutputException;
import org.heterosyn.protocol.ProtocolException;
import org.heterosyn.spec.SpecException;
import picocli.CommandLine;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * Turns the errors a user can fix (bad spec, bad data, bad arguments, a file that is missing, busy or
 * not writable) into one clear line and exit code 2; anything else is a bug and keeps its stack
 * trace (exit code 1). With --debug a user error shows its trace too.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;
    static final String DEBUG = "--debug";

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        String line = userMessage(ex);
        if (line == null) throw ex;
        if (parsed.originalArgs().contains(DEBUG)) ex.printStackTrace(cl.getErr());
        cl.getErr().println(cl.getColorScheme().errorText("heterosyn " + cl.getCommandName() + ": " + line));
        return USER_ERROR;
    }

    /** The one line for a user's mistake, or null for a bug. */
    static String userMessage(Throwable ex) {
        if (ex instanceof SpecException || ex instanceof DataException || ex instanceof IllegalArgumentException
                || ex instanceof CommandLine.ParameterException || ex instanceof ProtocolException
                || ex instanceof DeviceException || ex instanceof VerilatorException || ex instanceof OutputException
                || ex instanceof FpgaException || ex instanceof BoardException) {
            return ex.getMessage();
        }
        // A file the user named (or the directory it should go in) is missing or not accessible.
        if (ex instanceof FileSystemException f) return IoReason.of(f);
        if (ex instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException f) return IoReason.of(f);
        return null;
    }
}
