package org.heterosyn.cli;

import org.heterosyn.board.BoardException;
import org.heterosyn.data.DataException;
import org.heterosyn.driver.DeviceException;
import org.heterosyn.driver.verilator.VerilatorException;
import org.heterosyn.fpga.FpgaException;
import org.heterosyn.protocol.ProtocolException;
import org.heterosyn.spec.SpecException;
import picocli.CommandLine;

/**
 * Turns the errors a user can fix (bad spec, bad data, bad arguments) into one clear line and exit
 * code 2; anything else is a bug and keeps its stack trace.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        if (ex instanceof SpecException || ex instanceof DataException || ex instanceof IllegalArgumentException
                || ex instanceof CommandLine.ParameterException || ex instanceof ProtocolException
                || ex instanceof DeviceException || ex instanceof VerilatorException
                || ex instanceof FpgaException || ex instanceof BoardException) {
            cl.getErr().println(cl.getColorScheme().errorText("heterosyn " + cl.getCommandName() + ": " + ex.getMessage()));
            return USER_ERROR;
        }
        throw ex;
    }
}
