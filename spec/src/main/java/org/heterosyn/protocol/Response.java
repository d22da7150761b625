package org.heterosyn.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One device-to-host response: the header fields and the payload words. */
public record Response(int opcode, Status status, int[] payload) {
    public Response { payload = payload.clone(); }

    public boolean ok() { return status == Status.OK; }

    public int[] words() {
        int[] w = new int[1 + payload.length];
        w[0] = new Header(opcode, status.code(), payload.length).word();
        System.arraycopy(payload, 0, w, 1, payload.length);
        return w;
    }

    /** Splits a word stream into responses; a truncated last response is an error. */
    public static List<Response> parseAll(int[] words) {
        List<Response> out = new ArrayList<>();
        int i = 0;
        while (i < words.length) {
            Header h = Header.decode(words[i]);
            if (i + 1 + h.length() > words.length) {
                throw new ProtocolException("response at word " + i + " announces " + h.length()
                        + " payload words but only " + (words.length - i - 1) + " follow");
            }
            out.add(new Response(h.opcode(), Status.of(h.arg()), Arrays.copyOfRange(words, i + 1, i + 1 + h.length())));
            i += 1 + h.length();
        }
        return out;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Response r && r.opcode == opcode && r.status == status && Arrays.equals(r.payload, payload);
    }

    @Override public int hashCode() { return Arrays.hashCode(payload) * 31 + opcode; }

    @Override public String toString() {
        return "Response[op=" + opcode + ", " + status + ", " + payload.length + " words]";
    }
}
