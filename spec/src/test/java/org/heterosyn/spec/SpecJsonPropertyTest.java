package org.heterosyn.spec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
public class SpecJsonPropertyTest {

    @Property(tries = 500)
    void writeThenParseIsIdentity(@ForAll("specs") DesignSpec s) {
        String text = SpecJson.write(s);
        assertEquals(s, SpecJson.parse(text, "property"), text);
        assertEquals(text, SpecJson.write(SpecJson.parse(text, "property")));
    }

    @Provide
    Arbitrary<DesignSpec> specs() {
        // A name may not start with '.' or '-' (DesignSpec.NAME_PATTERN).
        Arbitrary<String> names = Combinators.combine(Arbitraries.strings().withChars("abcXYZ019_").ofLength(1),
                Arbitraries.strings().withChars("abcXYZ019_.-").ofMaxLength(11)).as(String::concat);
        Arbitrary<List<Integer>> layers = Arbitraries.integers().between(1, 300).list().ofMinSize(2).ofMaxSize(5);
        Arbitrary<Long> seeds = Arbitraries.longs().between(0, DesignSpec.MAX_SEED);
        Arbitrary<Integer> lanes = Arbitraries.integers().between(1, 2000);
        return Combinators.combine(names, layers, Arbitraries.of(Rule.class), numerics(), lanes,
                Arbitraries.of(MemoryStyle.class), seeds).as((name, ls, rule, num, ln, mem, seed) -> {
                    int lanesOk = ln;
                    long synapses = 0;
                    for (int k = 0; k + 1 < ls.size(); k++) synapses += (long) ls.get(k) * ls.get(k + 1);
                    if (lanesOk > synapses) lanesOk = 1;
                    DesignSpec generic = new DesignSpec(name, ls, rule, num, lanesOk, MemoryStyle.GENERIC, seed);
                    try {
                        return generic.withMemory(mem);
                    } catch (SpecException tooBigForSpram) {
                        return generic;
                    }
                });
    }

    /** Any valid format: fractions and shifts are clamped into the ranges Numerics documents. */
    public static Arbitrary<Numerics> numerics() {
        Arbitrary<Integer> bits = Arbitraries.integers().between(4, 24);
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 1 << 20);
        return Combinators.combine(bits, bits, any, any, any, any, any, Arbitraries.of(Rounding.class))
                .as((vb, wb, a, b, c, d, e, r) -> {
                    int vf = a % (vb - 1);
                    int wf = Math.min(b % wb, 2 * vf);
                    int base = 2 * vf - wf;
                    if (base > Numerics.MAX_UPDATE_SHIFT) {
                        wf = Math.min(wb - 1, 2 * vf);
                        base = 2 * vf - wf;
                        if (base > Numerics.MAX_UPDATE_SHIFT) {
                            vf = (Numerics.MAX_UPDATE_SHIFT + wf) / 2;
                            base = 2 * vf - wf;
                        }
                    }
                    int eta = Math.min(c % 25, Numerics.MAX_UPDATE_SHIFT - base);
                    int decay = Math.min(Math.min(d % 25, Numerics.MAX_UPDATE_SHIFT - base - eta),
                            Numerics.MAX_INCREMENT_BITS - 2 * vb);
                    return new Numerics(vb, vf, wb, wf, eta, decay, e % (wf + 1), r);
                });
    }
}
