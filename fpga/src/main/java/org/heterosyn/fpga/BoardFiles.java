package org.heterosyn.fpga;

import org.heterosyn.board.Board;
import org.heterosyn.board.BoardException;
import org.heterosyn.board.Boards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A board and the text of its pin file, whether shipped (fpga/boards/NAME) or a folder given by path. */
public record BoardFiles(Board board, String constraints) {
    /** A shipped board by name, or any folder with a board.json (a path: contains '/'). */
    public static BoardFiles load(String nameOrDir) {
        Board b = Boards.load(nameOrDir);
        if (!nameOrDir.contains("/")) return new BoardFiles(b, Boards.constraints(b));
        Path pins = Path.of(nameOrDir).resolve(b.constraints());
        try {
            return new BoardFiles(b, Files.readString(pins));
        } catch (IOException e) {
            throw new BoardException("cannot read the pin file " + pins + ": " + e.getMessage(), e);
        }
    }
}
