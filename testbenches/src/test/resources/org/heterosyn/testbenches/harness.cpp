// Drives a Verilated heterosyn_top from a raw word file and records its responses.
//
//   harness IN.hex OUT.hex [--max-cycles N] [--stall SEED] [--vcd FILE]
//
// IN.hex holds command words, one 32-bit hex word per line ('#' starts a comment; docs/protocol.md).
// The harness counts the commands in it (header + the words Opcode.followingWords implies) and
// runs until as many responses have come back. OUT.hex gets one response word per line with the
// cycle it was taken as a comment. --stall SEED drops cmd_valid_i and rsp_ready_i at random (a
// 32-bit LCG seeded with SEED) to exercise the valid/ready handshakes. --vcd needs a model built
// with --trace; it writes every signal of every cycle. Exit codes: 0 done,
// 2 bad arguments or file, 3 cycle limit reached.
#include "Vheterosyn_top.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_vcd_c.h"
#endif

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

// Reset cycles before the first command word.
constexpr int kResetCycles = 4;

bool readWords(const char* path, std::vector<uint32_t>& out) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    while (std::getline(in, line)) {
        size_t hash = line.find('#');
        if (hash != std::string::npos) line.erase(hash);
        size_t b = line.find_first_not_of(" \t\r");
        if (b == std::string::npos) continue;
        size_t e = line.find_last_not_of(" \t\r");
        std::string w = line.substr(b, e - b + 1);
        if (w.rfind("0x", 0) == 0 || w.rfind("0X", 0) == 0) w = w.substr(2);
        char* end = nullptr;
        unsigned long v = std::strtoul(w.c_str(), &end, 16);
        if (w.empty() || w.size() > 8 || *end != '\0') {
            std::fprintf(stderr, "harness: %s: '%s' is not a 32-bit hex word\n", path, w.c_str());
            return false;
        }
        out.push_back(static_cast<uint32_t>(v));
    }
    return true;
}

// Words after a command header, as org.heterosyn.protocol.Opcode.followingWords.
uint32_t following(uint32_t header) {
    uint32_t op = header >> 24;
    uint32_t len = header & 0xFFFFu;
    switch (op) {
        case 0x01: case 0x04: case 0x06: return len;
        case 0x02: case 0x05: return 1 + len;
        case 0x03: return 1;
        default: return 0;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: harness IN.hex OUT.hex [--max-cycles N] [--stall SEED]\n");
        return 2;
    }
    uint64_t maxCycles = 100000000ull;
    bool stall = false;
    const char* vcd = nullptr;
    uint32_t lcg = 1;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--max-cycles") == 0) {
            maxCycles = std::strtoull(argv[i + 1], nullptr, 10);
        } else if (std::strcmp(argv[i], "--vcd") == 0) {
            vcd = argv[i + 1];
        } else if (std::strcmp(argv[i], "--stall") == 0) {
            stall = true;
            lcg = static_cast<uint32_t>(std::strtoul(argv[i + 1], nullptr, 10));
        } else {
            std::fprintf(stderr, "harness: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    std::vector<uint32_t> cmd;
    if (!readWords(argv[1], cmd)) {
        std::fprintf(stderr, "harness: cannot read %s\n", argv[1]);
        return 2;
    }
    uint64_t commands = 0;
    for (size_t i = 0; i < cmd.size(); i += 1 + following(cmd[i])) commands++;

    auto ctx = std::make_unique<VerilatedContext>();
    auto top = std::make_unique<Vheterosyn_top>(ctx.get());
#if VM_TRACE
    std::unique_ptr<VerilatedVcdC> trace;
    if (vcd) {
        ctx->traceEverOn(true);
        trace = std::make_unique<VerilatedVcdC>();
        top->trace(trace.get(), 99);
        trace->open(vcd);
    }
    auto dump = [&]() { if (trace) trace->dump(ctx->time()); };
#else
    if (vcd) {
        std::fprintf(stderr, "harness: --vcd needs a model built with --trace\n");
        return 2;
    }
    auto dump = []() {};
#endif
    auto tick = [&]() {
        top->clk_i = 1;
        top->eval();
        dump();
        ctx->timeInc(1);
        top->clk_i = 0;
        top->eval();
        dump();
        ctx->timeInc(1);
    };
    top->clk_i = 0;
    top->rst_i = 1;
    top->cmd_valid_i = 0;
    top->cmd_data_i = 0;
    top->rsp_ready_i = 0;
    top->eval();
    for (int i = 0; i < kResetCycles; i++) tick();
    top->rst_i = 0;

    std::vector<std::pair<uint32_t, uint64_t>> rsp;
    size_t pos = 0;
    uint64_t responses = 0;
    uint32_t remaining = 0;
    bool inPayload = false;
    uint64_t cycle = 0;
    while (responses < commands) {
        if (cycle >= maxCycles) {
            std::fprintf(stderr, "harness: %" PRIu64 " cycles without all responses (%" PRIu64 " of %" PRIu64 ")\n",
                         cycle, responses, commands);
            return 3;
        }
        bool offerCmd = pos < cmd.size();
        bool takeRsp = true;
        if (stall) {
            // Numerical Recipes' 32-bit LCG; its top nibbles drop cmd_valid_i in 1 cycle of 16 and
            // rsp_ready_i in 3 of 16.
            lcg = lcg * 1664525u + 1013904223u;
            offerCmd = offerCmd && (lcg >> 28) != 0;
            takeRsp = ((lcg >> 24) & 0xFu) > 2;
        }
        top->cmd_valid_i = offerCmd;
        top->cmd_data_i = offerCmd ? cmd[pos] : 0;
        top->rsp_ready_i = takeRsp;
        top->eval();
        bool cmdFire = offerCmd && top->cmd_ready_o;
        if (top->rsp_valid_o && takeRsp) {
            uint32_t w = top->rsp_data_o;
            rsp.emplace_back(w, cycle);
            if (!inPayload) {
                remaining = w & 0xFFFFu;
                inPayload = remaining != 0;
                if (!inPayload) responses++;
            } else if (--remaining == 0) {
                inPayload = false;
                responses++;
            }
        }
        tick();
        if (cmdFire) pos++;
        cycle++;
    }
    top->final();
#if VM_TRACE
    if (trace) trace->close();
#endif

    FILE* out = std::fopen(argv[2], "w");
    if (!out) {
        std::fprintf(stderr, "harness: cannot write %s\n", argv[2]);
        return 2;
    }
    for (auto& r : rsp) std::fprintf(out, "%08x  # cycle %" PRIu64 "\n", r.first, r.second);
    std::fclose(out);
    std::printf("harness: %" PRIu64 " commands, %zu response words, %" PRIu64 " cycles\n", commands, rsp.size(),
                cycle);
    return 0;
}
