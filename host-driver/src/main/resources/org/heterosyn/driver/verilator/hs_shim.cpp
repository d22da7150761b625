// heterosyn Verilator shim: a narrow C ABI over one Verilated model of a generated design.
// The Java side (VerilatorModel via JNA) owns the handle; all per-cycle work happens here, so the
// host crosses the JNA boundary once per batch, never once per cycle or per signal.
//
// Clock convention, shared with the cycle emulator (docs/architecture.md, "Host link timing"):
//   1. with clk low, drive cmd_valid/cmd_data from the input queue and rsp_ready from the
//      back-pressure pattern, evaluate, and sample the handshakes (cmd_ready, rsp_valid, rsp_data);
//   2. raise clk and evaluate: every register takes its next value;
//   3. a command word moved if cmd_valid && cmd_ready were high in step 1, a response word if
//      rsp_valid && rsp_ready were.
#include "hs_model.h"   // generated: includes the model header and defines HsModel
#include "verilated.h"
#include "verilated_syms.h"
#include "verilated_vcd_c.h"

#include <cstdint>
#include <cstring>
#include <deque>
#include <vector>

namespace {
// A watched variable: built with --public-flat-rw, every register and memory of the design can be
// found by scope and name. Each element is copied as ceil(width/32) little-endian 32-bit words.
struct Watch {
    const uint8_t* data;
    uint32_t ent_bytes;
    uint32_t elements;
    uint32_t words_per_element;
};

// A watched word of 1, 2 or 4 bytes and its digest key.
template <typename T>
struct Keyed {
    const T* word;
    uint64_t key;
};

// Two groups: RECORDED variables are copied after every clock edge while recording is on (the
// registers); SNAPSHOT variables only when asked (large memories, compared at batch ends).
enum { RECORDED = 0, SNAPSHOT = 1, GROUPS = 2 };

struct Hs {
    VerilatedContext* ctx;
    HsModel* top;
    VerilatedVcdC* trace = nullptr;
    std::deque<uint32_t> in;
    std::vector<uint32_t> out;
    uint64_t cycle = 0;
    uint32_t lfsr = 1;
    uint32_t ready_percent = 100;
    std::vector<Watch> watches[GROUPS];
    uint32_t watch_words[GROUPS] = {0, 0};
    bool recording = false;
    std::vector<uint32_t> recorded;
    // Digests (org.heterosyn.emulator.StateDigest): one key per watched word of a group, set from
    // Java (hs_digest_keys); while digesting, every cycle appends the RECORDED group's digest.
    std::vector<uint64_t> keys[GROUPS];
    // The RECORDED group's words flattened with their keys, by size: the per-cycle digest is one
    // pass over each list (made by hs_digest_keys).
    std::vector<Keyed<uint8_t>> bytes;
    std::vector<Keyed<uint16_t>> halves;
    std::vector<Keyed<uint32_t>> words;
    bool digesting = false;
    std::vector<uint64_t> digests;
};

// StateDigest.term: one word's share of a digest; a bijection of w for each key.
inline uint64_t term(uint64_t key, uint32_t w) {
    uint64_t x = (key ^ w) * 0xbf58476d1ce4e5b9ULL;
    return x ^ (x >> 32);
}

// The low n (1..4) bytes at src as a little-endian word; Verilator keeps bits above a variable's width 0.
inline uint32_t word_at(const uint8_t* src, uint32_t n) {
    switch (n) {
        case 1: return *src;
        case 2: { uint16_t v; std::memcpy(&v, src, 2); return v; }
        case 4: { uint32_t v; std::memcpy(&v, src, 4); return v; }
        default: { uint32_t v = 0; std::memcpy(&v, src, n); return v; }
    }
}

// The digest of the RECORDED group after an edge, from the flattened lists (equal to digest(h, RECORDED)).
uint64_t recorded_digest(const Hs* h) {
    uint64_t d = 0;
    for (const Keyed<uint8_t>& w : h->bytes) d += term(w.key, *w.word);
    for (const Keyed<uint16_t>& w : h->halves) d += term(w.key, *w.word);
    for (const Keyed<uint32_t>& w : h->words) d += term(w.key, *w.word);
    return d;
}

// Fills the flattened lists of the RECORDED group from its watches and keys; false for a word of
// another size (Verilator's variables are 1, 2, 4, 8 or 4n bytes, so every word is 1, 2 or 4 bytes).
bool flatten(Hs* h) {
    h->bytes.clear();
    h->halves.clear();
    h->words.clear();
    const uint64_t* key = h->keys[RECORDED].data();
    for (const Watch& w : h->watches[RECORDED]) {
        for (uint32_t e = 0; e < w.elements; e++) {
            const uint8_t* src = w.data + static_cast<size_t>(e) * w.ent_bytes;
            for (uint32_t k = 0; k < w.words_per_element; k++) {
                uint32_t n = w.ent_bytes - 4 * k < 4 ? w.ent_bytes - 4 * k : 4;
                const uint8_t* at = src + 4 * k;
                if (n == 1) h->bytes.push_back({at, *key});
                else if (n == 2) h->halves.push_back({reinterpret_cast<const uint16_t*>(at), *key});
                else if (n == 4) h->words.push_back({reinterpret_cast<const uint32_t*>(at), *key});
                else return false;
                key++;
            }
        }
    }
    return true;
}

// The digest of a group as it is now: the words sample() would write, each keyed by its offset.
uint64_t digest(const Hs* h, int group) {
    const uint64_t* key = h->keys[group].data();
    uint64_t d = 0;
    for (const Watch& w : h->watches[group]) {
        for (uint32_t e = 0; e < w.elements; e++) {
            const uint8_t* src = w.data + static_cast<size_t>(e) * w.ent_bytes;
            for (uint32_t k = 0; k < w.words_per_element; k++) {
                uint32_t n = w.ent_bytes - 4 * k < 4 ? w.ent_bytes - 4 * k : 4;
                d += term(*key++, word_at(src + 4 * k, n));
            }
        }
    }
    return d;
}

void sample(const Hs* h, int group, uint32_t* dst) {
    for (const Watch& w : h->watches[group]) {
        for (uint32_t e = 0; e < w.elements; e++) {
            const uint8_t* src = w.data + static_cast<size_t>(e) * w.ent_bytes;
            for (uint32_t k = 0; k < w.words_per_element; k++) {
                uint32_t n = w.ent_bytes - 4 * k < 4 ? w.ent_bytes - 4 * k : 4;
                *dst++ = word_at(src + 4 * k, n);
            }
        }
    }
}

// xorshift32: the back-pressure pattern; only its statistics matter, both sides get the same words.
bool next_ready(Hs* h) {
    if (h->ready_percent >= 100) return true;
    uint32_t x = h->lfsr;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    h->lfsr = x;
    return (x % 100u) < h->ready_percent;
}

// What is watched after every edge: a sample while recording, a digest while digesting.
void after_edge(Hs* h) {
    if (h->recording) {
        size_t at = h->recorded.size();
        h->recorded.resize(at + h->watch_words[RECORDED]);
        sample(h, RECORDED, h->recorded.data() + at);
    }
    if (h->digesting) h->digests.push_back(recorded_digest(h));
}

void dump(Hs* h, uint64_t t) {
    if (h->trace) h->trace->dump(t);
}

#ifndef HS_BOARD
void one_cycle(Hs* h, bool reset) {
    HsModel* m = h->top;
    m->clk_i = 0;
    m->rst_i = reset ? 1 : 0;
    bool valid = !reset && !h->in.empty();
    m->cmd_valid_i = valid ? 1 : 0;
    m->cmd_data_i = valid ? h->in.front() : 0;
    bool ready = !reset && next_ready(h);
    m->rsp_ready_i = ready ? 1 : 0;
    m->eval();
    dump(h, 2 * h->cycle);
    bool took = valid && m->cmd_ready_o;
    bool gave = ready && m->rsp_valid_o;
    uint32_t data = m->rsp_data_o;
    m->clk_i = 1;
    m->eval();
    dump(h, 2 * h->cycle + 1);
    if (took) h->in.pop_front();
    if (gave) h->out.push_back(data);
    h->cycle++;
    after_edge(h);
}
#else
// A board top (heterosyn_board_top, HS_BOARD defined by hs_model.h): the design is driven at its
// pins, as the emulator's BoardEmulator is. Queued words are uart_rx_i levels, one per cycle (the
// line idles high when none is queued); each cycle collects one word of the output pins sampled
// with the clock low: bit 0 uart_tx_o, bit 1 led_ok_o, bit 2 led_err_o. "Reset" cycles run with
// the line idle and collect nothing: the board top resets itself (power-on reset).
void one_cycle(Hs* h, bool idle) {
    HsModel* m = h->top;
    m->osc_i = 0;
    bool have = !idle && !h->in.empty();
    m->uart_rx_i = have ? (h->in.front() != 0) : 1;
    m->eval();
    dump(h, 2 * h->cycle);
    uint32_t pins = (m->uart_tx_o ? 1u : 0u) | (m->led_ok_o ? 2u : 0u) | (m->led_err_o ? 4u : 0u);
    m->osc_i = 1;
    m->eval();
    dump(h, 2 * h->cycle + 1);
    if (have) h->in.pop_front();
    if (!idle) h->out.push_back(pins);
    h->cycle++;
    after_edge(h);
}
#endif
}  // namespace

extern "C" {

void* hs_open() {
    Hs* h = new Hs();
    h->ctx = new VerilatedContext();
    h->ctx->traceEverOn(true);
    h->top = new HsModel(h->ctx);
    return h;
}

void hs_close(void* p) {
    Hs* h = static_cast<Hs*>(p);
    // Verilator 5.006's ~VerilatedScope unregisters through the thread's *current* context, which
    // may belong to another model already freed; point it at this model's own context first.
    Verilated::threadContextp(h->ctx);
    if (h->trace) {
        h->trace->close();
        delete h->trace;
    }
    h->top->final();
    delete h->top;
    delete h->ctx;
    delete h;
}

// Holds reset for n cycles; queued words stay queued, collected responses are dropped.
void hs_reset(void* p, int n) {
    Hs* h = static_cast<Hs*>(p);
    for (int i = 0; i < n; i++) one_cycle(h, true);
    h->out.clear();
}

void hs_push(void* p, const uint32_t* words, int n) {
    Hs* h = static_cast<Hs*>(p);
    h->in.insert(h->in.end(), words, words + n);
}

// Moves up to max collected response words to dst; returns how many.
int hs_pop(void* p, uint32_t* dst, int max) {
    Hs* h = static_cast<Hs*>(p);
    int n = static_cast<int>(h->out.size()) < max ? static_cast<int>(h->out.size()) : max;
    for (int i = 0; i < n; i++) dst[i] = h->out[i];
    h->out.erase(h->out.begin(), h->out.begin() + n);
    return n;
}

int hs_pending_in(void* p) { return static_cast<int>(static_cast<Hs*>(p)->in.size()); }

int hs_pending_out(void* p) { return static_cast<int>(static_cast<Hs*>(p)->out.size()); }

// Runs exactly n cycles.
void hs_step(void* p, int64_t n) {
    Hs* h = static_cast<Hs*>(p);
    for (int64_t i = 0; i < n; i++) one_cycle(h, false);
}

// Runs until at least want response words are collected or max cycles have passed; returns the
// number of cycles run.
int64_t hs_run(void* p, int64_t want, int64_t max) {
    Hs* h = static_cast<Hs*>(p);
    int64_t i = 0;
    while (i < max && static_cast<int64_t>(h->out.size()) < want) {
        one_cycle(h, false);
        i++;
    }
    return i;
}

uint64_t hs_cycle(void* p) { return static_cast<Hs*>(p)->cycle; }

// rsp_ready is high on percent% of cycles, drawn from xorshift32 seeded with seed (nonzero).
void hs_backpressure(void* p, uint32_t seed, int percent) {
    Hs* h = static_cast<Hs*>(p);
    h->lfsr = seed ? seed : 1;
    h->ready_percent = percent < 0 ? 0 : static_cast<uint32_t>(percent);
}

// Adds scope.var (e.g. "TOP.heterosyn_top.u_ctrl", "state_q") to a watch group; returns its first
// word's offset in that group's sample, -1 when the scope or variable does not exist (not built
// with --public-flat-rw, or optimised away), -2 for an unsupported shape or group.
int hs_watch(void* p, const char* scope, const char* var, int group) {
    Hs* h = static_cast<Hs*>(p);
    if (group < 0 || group >= GROUPS) return -2;
    const VerilatedScope* s = h->ctx->scopeFind(scope);
    if (!s) return -1;
    VerilatedVar* v = s->varFind(var);
    if (!v) return -1;
    if (v->udims() > 1) return -2;
    Watch w;
    w.data = static_cast<const uint8_t*>(v->datap());
    w.ent_bytes = v->entSize();
    w.elements = v->udims() == 1 ? static_cast<uint32_t>(v->elements(1)) : 1;
    w.words_per_element = (static_cast<uint32_t>(v->elements(0)) + 31) / 32;
    if (w.words_per_element == 0) w.words_per_element = 1;
    int offset = static_cast<int>(h->watch_words[group]);
    h->watches[group].push_back(w);
    h->watch_words[group] += w.elements * w.words_per_element;
    return offset;
}

int hs_watch_words(void* p, int group) { return static_cast<int>(static_cast<Hs*>(p)->watch_words[group]); }

// Writes a group's watched state as it is now (hs_watch_words(group) words).
void hs_sample(void* p, int group, uint32_t* dst) { sample(static_cast<Hs*>(p), group, dst); }

// While on, every cycle appends one sample of the RECORDED group (taken after the clock edge).
void hs_record(void* p, int on) { static_cast<Hs*>(p)->recording = on != 0; }

// Moves up to max_cycles recorded samples to dst; returns the number of cycles moved.
int hs_take(void* p, uint32_t* dst, int max_cycles) {
    Hs* h = static_cast<Hs*>(p);
    uint32_t ww = h->watch_words[RECORDED];
    if (ww == 0) return 0;
    size_t have = h->recorded.size() / ww;
    size_t n = have < static_cast<size_t>(max_cycles) ? have : static_cast<size_t>(max_cycles);
    size_t words = n * ww;
    std::memcpy(dst, h->recorded.data(), words * sizeof(uint32_t));
    h->recorded.erase(h->recorded.begin(), h->recorded.begin() + words);
    return static_cast<int>(n);
}

// Sets a group's digest keys (StateDigest.keys): n must be hs_watch_words(group); returns 0 if not.
int hs_digest_keys(void* p, int group, const uint64_t* keys, int n) {
    Hs* h = static_cast<Hs*>(p);
    if (group < 0 || group >= GROUPS || n != static_cast<int>(h->watch_words[group])) return 0;
    h->keys[group].assign(keys, keys + n);
    if (group == RECORDED && !flatten(h)) {
        h->keys[group].clear();
        return 0;
    }
    return 1;
}

// While on, every cycle appends the RECORDED group's digest (taken after the clock edge); needs its keys.
int hs_digests(void* p, int on) {
    Hs* h = static_cast<Hs*>(p);
    if (on && h->keys[RECORDED].size() != h->watch_words[RECORDED]) return 0;
    h->digesting = on != 0;
    return 1;
}

// Moves up to max_cycles digests to dst; returns how many.
int hs_take_digests(void* p, uint64_t* dst, int max_cycles) {
    Hs* h = static_cast<Hs*>(p);
    size_t n = h->digests.size() < static_cast<size_t>(max_cycles) ? h->digests.size() : static_cast<size_t>(max_cycles);
    std::memcpy(dst, h->digests.data(), n * sizeof(uint64_t));
    h->digests.erase(h->digests.begin(), h->digests.begin() + n);
    return static_cast<int>(n);
}

// A group's digest as it is now (0 without its keys).
uint64_t hs_digest(void* p, int group) {
    Hs* h = static_cast<Hs*>(p);
    if (group < 0 || group >= GROUPS || h->keys[group].size() != h->watch_words[group]) return 0;
    return digest(h, group);
}

int hs_trace_open(void* p, const char* path) {
    Hs* h = static_cast<Hs*>(p);
    if (h->trace) return 0;
    h->trace = new VerilatedVcdC();
    h->top->trace(h->trace, 99);
    h->trace->open(path);
    return h->trace->isOpen() ? 1 : 0;
}

void hs_trace_close(void* p) {
    Hs* h = static_cast<Hs*>(p);
    if (!h->trace) return;
    h->trace->close();
    delete h->trace;
    h->trace = nullptr;
}
}
