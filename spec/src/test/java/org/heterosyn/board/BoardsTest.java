package org.heterosyn.board;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class BoardsTest {
    private static final Pattern PCF = Pattern.compile("^set_io\\s+(?:-\\S+\\s+)*(\\S+)\\s+\\S+", Pattern.MULTILINE);
    private static final Pattern LPF = Pattern.compile("^LOCATE COMP \"([^\"]+)\"", Pattern.MULTILINE);

    @Test
    void shipsTheThreeBoards() {
        assertEquals(List.of("hx8k-breakout", "icebreaker", "ulx3s-85f"), Boards.names());
        Board b = Boards.load(Boards.DEFAULT);
        assertEquals(Board.Family.ICE40, b.family());
        assertEquals("sg48", b.packageName());
        assertEquals(4 * 16384, b.resources().spramTotalWords());
    }

    @Test
    void everyPinFileNamesExactlyTheBoardTopsPorts() {
        Set<String> ports = Arrays.stream(BoardPort.values()).map(p -> p.pin).collect(Collectors.toCollection(TreeSet::new));
        for (String name : Boards.names()) {
            Board b = Boards.load(name);
            Matcher m = (b.family() == Board.Family.ICE40 ? PCF : LPF).matcher(Boards.constraints(b));
            Set<String> pins = new TreeSet<>();
            while (m.find()) pins.add(m.group(1));
            assertEquals(ports, pins, name);
        }
    }

    @Test
    void aBoardIsAFolder(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("board.json"), Files.readString(Path.of("../fpga/boards/icebreaker/board.json"))
                .replace("\"icebreaker\"", "\"mine\""));
        BoardException missingPins = assertThrows(BoardException.class, () -> Boards.load(mine.toString()));
        assertTrue(missingPins.getMessage().contains("icebreaker.pcf"), missingPins.getMessage());
        Files.writeString(mine.resolve("icebreaker.pcf"), "");
        assertEquals("mine", Boards.load(mine.toString()).name());
    }

    @Test
    void badBoardsAreRefusedNamingTheField() {
        String ok = "{\"name\":\"x\",\"description\":\"d\",\"family\":\"ice40\",\"device\":\"up5k\",\"package\":\"sg48\","
                + "\"constraints\":\"x.pcf\",\"oscillatorMhz\":12,\"placeAndRoute\":true,\"programmer\":\"iceprog\","
                + "\"uart\":{\"bridge\":\"b\",\"maxBaud\":115200},\"ledActiveLow\":true,\"resources\":{\"logicCells\":10,"
                + "\"dsps\":0,\"ebrs\":0,\"ebrBits\":0,\"sprams\":0,\"spramWords\":0,\"spramWidth\":0}}";
        assertEquals("x", Boards.parse(ok, "t").name());
        assertRefused(ok.replace("\"maxBaud\":115200", "\"maxBaud\":0"), "maxBaud");
        assertRefused(ok.replace("\"oscillatorMhz\":12", "\"oscillatorMhz\":-1"), "oscillatorMhz");
        assertRefused(ok.replace("\"logicCells\":10", "\"logicCells\":0"), "logicCells");
        assertRefused(ok.replace("\"sprams\":0", "\"sprams\":2"), "sprams");
        assertRefused(ok.replace("\"programmer\":\"iceprog\",", ""), "programmer");
        assertRefused(ok.replace("\"family\":\"ice40\"", "\"family\":\"xc7\""), "xc7");
        assertRefused(ok.replace("{\"name\":\"x\",", "{\"name\":\"x\",\"name\":\"y\","), "name");
        assertRefused(ok + "}", "");
        assertRefused(ok.replace("{\"name\":\"x\",", "{\"name\":\"x\",\"colour\":\"red\","), "colour");
        assertThrows(BoardException.class, () -> Boards.load("no-such-board"));
    }

    private static void assertRefused(String json, String mentions) {
        BoardException e = assertThrows(BoardException.class, () -> Boards.parse(json, "t"));
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
    }
}
