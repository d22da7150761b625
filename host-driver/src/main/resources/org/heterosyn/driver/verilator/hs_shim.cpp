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
#include "verilated_vcd_c.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace {
struct Hs {
    VerilatedContext* ctx;
    HsModel* top;
    VerilatedVcdC* trace = nullptr;
    std::deque<uint32_t> in;
    std::vector<uint32_t> out;
    uint64_t cycle = 0;
    uint32_t lfsr = 1;
    uint32_t ready_percent = 100;
};

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

void dump(Hs* h, uint64_t t) {
    if (h->trace) h->trace->dump(t);
}

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
}
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
