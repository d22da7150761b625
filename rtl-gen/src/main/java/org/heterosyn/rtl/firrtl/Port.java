package org.heterosyn.rtl.firrtl;

/** A module port. */
public record Port(String name, Direction direction, Type type) {
    public enum Direction { INPUT, OUTPUT }

    String emit() {
        return (direction == Direction.INPUT ? "input " : "output ") + name + " : " + type.emit();
    }
}
