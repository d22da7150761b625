package org.heterosyn.board;

/**
 * The pins of a board top, by the names its constraints file uses ({@code set_io osc_i 35} in a
 * {@code .pcf}, {@code LOCATE COMP "osc_i"} in an {@code .lpf}); the generated board top has exactly
 * these ports.
 */
public enum BoardPort {
    /** The board's oscillator, {@link Board#oscillatorMhz()}. */
    OSC("osc_i"),
    /** Serial data from the USB-UART bridge into the FPGA. */
    UART_RX("uart_rx_i"),
    /** Serial data from the FPGA to the bridge. */
    UART_TX("uart_tx_o"),
    /** Lit while the link is healthy. */
    LED_OK("led_ok_o"),
    /** Lit after the link dropped a bad frame. */
    LED_ERR("led_err_o");

    public final String pin;

    BoardPort(String pin) {
        this.pin = pin;
    }
}
