package org.heterosyn.board;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One FPGA board, read from {@code fpga/boards/<name>/board.json} (docs/fpga.md). Board facts live
 * here and nowhere else: the part, its resources, the oscillator and the UART bridge.
 *
 * @param constraints   the pin file beside board.json ({@code .pcf} for iCE40, {@code .lpf} for ECP5)
 * @param placeAndRoute whether the open flow installed here can place and route this part; if not,
 *                      the board is a synthesis estimate only
 * @param ledActiveLow  the board's LEDs light when their pin is low
 */
public record Board(String name, String description, Family family, String device,
                    @JsonProperty("package") String packageName,
                    String constraints, double oscillatorMhz, boolean placeAndRoute, String programmer,
                    Uart uart, boolean ledActiveLow, Resources resources) {

    public enum Family { ICE40, ECP5 }

    /** The USB-UART bridge and the fastest baud rate it supports. */
    public record Uart(String bridge, int maxBaud) {
        public Uart {
            Objects.requireNonNull(bridge, "uart.bridge");
            if (maxBaud <= 0) throw new BoardException("uart.maxBaud must be positive, got " + maxBaud);
        }
    }

    /**
     * What the part offers: logic cells (LUT4 + flip-flop), multipliers, block RAMs of {@code ebrBits}
     * each, and single-port RAMs of {@code spramWords} x {@code spramWidth} (zero where the part has none).
     */
    public record Resources(int logicCells, int dsps, int ebrs, int ebrBits, int sprams, int spramWords,
                            int spramWidth) {
        public Resources {
            positive("resources.logicCells", logicCells);
            notNegative("resources.dsps", dsps);
            notNegative("resources.ebrs", ebrs);
            notNegative("resources.ebrBits", ebrBits);
            notNegative("resources.sprams", sprams);
            notNegative("resources.spramWords", spramWords);
            notNegative("resources.spramWidth", spramWidth);
            if ((sprams == 0) != (spramWords == 0))
                throw new BoardException("resources.sprams and resources.spramWords must be both zero or both set");
        }

        /** SPRAM words on the whole part. */
        public int spramTotalWords() {
            return sprams * spramWords;
        }
    }

    public Board {
        for (Object[] f : new Object[][] {{"name", name}, {"description", description}, {"family", family},
                {"device", device}, {"package", packageName}, {"constraints", constraints},
                {"programmer", programmer}, {"uart", uart}, {"resources", resources}})
            if (f[1] == null) throw new BoardException("board field '" + f[0] + "' is missing");
        if (!(oscillatorMhz > 0 && oscillatorMhz < 1000))
            throw new BoardException("oscillatorMhz must be in (0, 1000), got " + oscillatorMhz);
    }

    private static void positive(String field, int v) {
        if (v <= 0) throw new BoardException(field + " must be positive, got " + v);
    }

    private static void notNegative(String field, int v) {
        if (v < 0) throw new BoardException(field + " must not be negative, got " + v);
    }
}
