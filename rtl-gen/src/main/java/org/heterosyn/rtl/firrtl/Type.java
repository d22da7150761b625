package org.heterosyn.rtl.firrtl;

/** FIRRTL ground types: the builder lowers every aggregate itself, so no Vec or Bundle is needed. */
public sealed interface Type permits Type.UInt, Type.SInt, Type.Clock {

    /** Bit width; a clock counts as one bit. */
    int width();

    String emit();

    record UInt(int width) implements Type {
        public UInt {
            if (width < 1) throw new FirrtlException("UInt width " + width + " must be at least 1");
        }

        @Override public String emit() { return "UInt<" + width + ">"; }
    }

    record SInt(int width) implements Type {
        public SInt {
            if (width < 1) throw new FirrtlException("SInt width " + width + " must be at least 1");
        }

        @Override public String emit() { return "SInt<" + width + ">"; }
    }

    record Clock() implements Type {
        @Override public int width() { return 1; }

        @Override public String emit() { return "Clock"; }
    }

    static UInt uint(int width) { return new UInt(width); }

    static SInt sint(int width) { return new SInt(width); }

    static Clock clock() { return new Clock(); }

    static Type bool() { return new UInt(1); }

    default boolean signed() { return this instanceof SInt; }

    /** The same signedness with another width. */
    default Type withWidth(int w) {
        return signed() ? new SInt(w) : new UInt(w);
    }
}
