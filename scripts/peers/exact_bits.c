/*
 * heterosyn's default design in plain C, on exactly the bits of docs/numerics.md: online kp training of
 * Fashion-MNIST 784-64-10, 16-bit values and weights with 12 fraction bits, eta = 2^-7, lambda = 2^-9,
 * stochastic rounding, seed 1 (spec/specs/default.json). The yardstick for the fast model's speed on the
 * same machine: scripts/bench-peers builds it with `gcc -O3 -march=native -ffp-contract=off`, runs it on
 * the same samples as `heterosyn bench` and checks that the final weights hash to the fast model's
 * digest (docs/numerics.md section 15), so both did the same work to the bit.
 *
 * Straightforward C that gcc vectorizes by itself (no intrinsics): W_0 is stored input-major (row j holds
 * W_0[0..63][j]) like the fast model's vector kernel, sums are 64-bit, and the update uses the 32-bit form
 * of SynapseUpdate, exact for this format.
 *
 * Usage: exact_bits [--samples N] [--rounds R] [--warmup N] [--data-dir DIR] [--weights FILE]
 * Prints: peer c-exact-gcc-VERSION samples_per_s X slowest X fastest X cpu_samples_per_s X
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N0 784
#define N1 64
#define N2 10
#define VF 12
#define WF 12
#define VMIN (-32768)
#define VMAX 32767
#define WMIN (-32768)
#define WMAX 32767
#define SEED 1u
#define DITHER_TWEAK 0x243F6A88u
#define INIT_TWEAK 0x85A308D3u
/* kp: G = decayShift 9, A = 2*VF - WF = 12, S = A + etaShift 7 + G = 28. */
#define G 9
#define ALIGN 12
#define S 28

static uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

/* Threefry-2x32-13, first output word (section 11.1). */
static uint32_t threefry13(uint32_t k0, uint32_t k1, uint32_t x0, uint32_t x1) {
    static const int rot[8] = {13, 15, 26, 6, 17, 29, 16, 24};
    uint32_t ks[3] = {k0, k1, 0x1BD11BDAu ^ k0 ^ k1};
    x0 += k0;
    x1 += k1;
    for (int r = 0; r < 13; r++) {
        x0 += x1;
        x1 = rotl(x1, rot[r & 7]);
        x1 ^= x0;
        if ((r & 3) == 3) {
            int s = (r + 1) >> 2;
            x0 += ks[s % 3];
            x1 += ks[(s + 1) % 3] + (uint32_t) s;
        }
    }
    return x0;
}

static uint32_t site(int k, int m) { return ((uint32_t) k << 8) | (uint32_t) m; }

static inline uint32_t mix(uint32_t x) {
    x ^= x >> 13; x += x << 21; x ^= x >> 7; x += x << 4; x ^= x >> 5;
    x += x << 2; x ^= x >> 12; x += x << 7; x ^= x >> 8;
    return x;
}

static int32_t sat(int64_t x, int32_t lo, int32_t hi) { return x < lo ? lo : (x > hi ? hi : (int32_t) x); }

/* acc (WF + VF fraction bits) to a value: round half up, saturate (section 4). */
static int32_t to_value(int64_t acc) { return sat((acc + (1 << (WF - 1))) >> WF, VMIN, VMAX); }

static int16_t w0t[N0 * N1]; /* w0t[j*N1 + i] = W_0[i][j] */
static int16_t w1[N2 * N1];  /* W_1[i][j], row-major */
static int16_t b1[N1 * N2];  /* B_1[j][i], row-major */

static void init_matrix(int16_t *dst, int k, int m, int rows, int cols, int fan_in, int transposed) {
    long a = (long) floor(sqrt(6.0 / fan_in) * 4096.0 + 0.5);
    if (a < 1) a = 1;
    if (a > WMAX) a = WMAX;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            uint32_t word = threefry13(SEED, INIT_TWEAK, ((uint32_t) r << 16) | (uint32_t) c, site(k, m));
            int16_t v = (int16_t) ((long) (word % (uint32_t) (2 * a + 1)) - a);
            if (transposed) dst[c * rows + r] = v; else dst[r * cols + c] = v;
        }
}

/* One synapse with decay, the 32-bit form: w' = sat(w + ((((u - (w << A)) >> G) - e*h) >> (S - G))). */
static inline int32_t update(int32_t w, int32_t eh, uint32_t d) {
    int32_t u = (int32_t) (d & ((1u << S) - 1));
    int32_t q = (u - w * (1 << ALIGN)) >> G;
    int32_t n = w + ((q - eh) >> (S - G));
    return n < WMIN ? WMIN : (n > WMAX ? WMAX : n);
}

static double train(const uint8_t *pixels, int label, uint32_t sample) {
    int32_t x[N0], z1[N1], h1[N1], y[N2], e2[N2], e1[N1];
    int64_t acc[N1] = {0};
    for (int j = 0; j < N0; j++) x[j] = (pixels[j] * (1 << (VF + 1)) + 255) / 510; /* section 18.1 */
    for (int j = 0; j < N0; j++) {
        int32_t v = x[j];
        if (v == 0) continue;
        const int16_t *row = w0t + j * N1;
        for (int i = 0; i < N1; i++) acc[i] += (int32_t) row[i] * v;
    }
    for (int i = 0; i < N1; i++) {
        z1[i] = to_value(acc[i]);
        h1[i] = z1[i] > 0 ? z1[i] : 0;
    }
    double loss = 0;
    for (int i = 0; i < N2; i++) {
        int64_t s = 0;
        for (int j = 0; j < N1; j++) s += (int32_t) w1[i * N1 + j] * h1[j];
        y[i] = to_value(s);
        int32_t t = i == label ? 1 << VF : 0;
        e2[i] = sat((int64_t) y[i] - t, VMIN, VMAX);
        double d = (y[i] - t) / 4096.0;
        loss += 0.5 * d * d;
    }
    for (int j = 0; j < N1; j++) {
        int64_t s = 0;
        for (int i = 0; i < N2; i++) s += (int32_t) b1[j * N2 + i] * e2[i];
        e1[j] = z1[j] > 0 ? to_value(s) : 0;
    }
    uint32_t kw1 = threefry13(SEED, DITHER_TWEAK, sample, site(1, 0));
    uint32_t kb1 = threefry13(SEED, DITHER_TWEAK, sample, site(1, 1));
    uint32_t kw0 = threefry13(SEED, DITHER_TWEAK, sample, site(0, 0));
    for (int i = 0; i < N2; i++)
        for (int j = 0; j < N1; j++)
            w1[i * N1 + j] = (int16_t) update(w1[i * N1 + j], e2[i] * h1[j], mix(kw1 ^ ((uint32_t) i << 16 | (uint32_t) j)));
    for (int j = 0; j < N1; j++)
        for (int i = 0; i < N2; i++)
            b1[j * N2 + i] = (int16_t) update(b1[j * N2 + i], h1[j] * e2[i], mix(kb1 ^ ((uint32_t) j << 16 | (uint32_t) i)));
    for (int j = 0; j < N0; j++) {
        int16_t *row = w0t + j * N1;
        int32_t hj = x[j];
        for (int i = 0; i < N1; i++) row[i] = (int16_t) update(row[i], e1[i] * hj, mix(kw0 ^ ((uint32_t) i << 16 | (uint32_t) j)));
    }
    return loss;
}

static uint8_t *read_idx(const char *dir, const char *name, int dims, long *count) {
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "gzip -dc '%s/%s.gz' 2>/dev/null || cat '%s/%s'", dir, name, dir, name);
    FILE *f = popen(cmd, "r");
    if (!f) { perror("popen"); exit(2); }
    uint8_t head[16];
    if (fread(head, 1, 4 + 4 * dims, f) != (size_t) (4 + 4 * dims) || head[2] != 8 || head[3] != dims) {
        fprintf(stderr, "%s/%s: not an IDX file of %d dimensions\n", dir, name, dims);
        exit(2);
    }
    long total = 1;
    for (int d = 0; d < dims; d++) {
        long n = ((long) head[4 + 4 * d] << 24) | (head[5 + 4 * d] << 16) | (head[6 + 4 * d] << 8) | head[7 + 4 * d];
        if (d == 0) *count = n;
        total *= n;
    }
    uint8_t *data = malloc(total);
    if (fread(data, 1, total, f) != (size_t) total) { fprintf(stderr, "%s: short read\n", name); exit(2); }
    pclose(f);
    return data;
}

static double now(clockid_t c) {
    struct timespec t;
    clock_gettime(c, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : (x > y);
}

int main(int argc, char **argv) {
    long samples = 20000, rounds = 5, warmup = 5000;
    const char *dir = "/usr/share/datasets/fashion-mnist", *weights = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--samples")) samples = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--rounds")) rounds = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--warmup")) warmup = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--data-dir")) dir = argv[i + 1];
        else if (!strcmp(argv[i], "--weights")) weights = argv[i + 1];
        else { fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    }
    if (rounds < 1 || rounds > 64 || samples < rounds) { fprintf(stderr, "need 1 <= rounds <= 64, rounds <= samples\n"); return 2; }
    long n, nl;
    uint8_t *images = read_idx(dir, "train-images-idx3-ubyte", 3, &n);
    uint8_t *labels = read_idx(dir, "train-labels-idx1-ubyte", 1, &nl);
    init_matrix(w0t, 0, 0, N1, N0, N0, 1);
    init_matrix(w1, 1, 0, N2, N1, N1, 0);
    init_matrix(b1, 1, 1, N1, N2, N1, 0);
    uint32_t sample = 0;
    for (long s = 0; s < warmup; s++, sample++) train(images + (s % n) * N0, labels[s % n], sample);
    double wall[64], cpu[64];
    long next = warmup;
    for (long r = 0; r < rounds; r++) {
        long share = samples / rounds + (r < samples % rounds ? 1 : 0);
        double c0 = now(CLOCK_THREAD_CPUTIME_ID), t0 = now(CLOCK_MONOTONIC);
        for (long s = 0; s < share; s++, next++, sample++) train(images + (next % n) * N0, labels[next % n], sample);
        wall[r] = share / (now(CLOCK_MONOTONIC) - t0);
        cpu[r] = share / (now(CLOCK_THREAD_CPUTIME_ID) - c0);
    }
    if (weights) {
        /* The digest's order and bytes (section 15): W_0, W_1, B_1 row-major, int32 little-endian. */
        FILE *f = fopen(weights, "wb");
        if (!f) { perror(weights); return 2; }
        for (int i = 0; i < N1; i++)
            for (int j = 0; j < N0; j++) { int32_t v = w0t[j * N1 + i]; uint8_t b[4] = {v, v >> 8, v >> 16, v >> 24}; fwrite(b, 1, 4, f); }
        for (int t = 0; t < N2 * N1; t++) { int32_t v = w1[t]; uint8_t b[4] = {v, v >> 8, v >> 16, v >> 24}; fwrite(b, 1, 4, f); }
        for (int t = 0; t < N1 * N2; t++) { int32_t v = b1[t]; uint8_t b[4] = {v, v >> 8, v >> 16, v >> 24}; fwrite(b, 1, 4, f); }
        fclose(f);
    }
    double sw[64], sc[64];
    memcpy(sw, wall, rounds * sizeof(double));
    memcpy(sc, cpu, rounds * sizeof(double));
    qsort(sw, rounds, sizeof(double), cmp);
    qsort(sc, rounds, sizeof(double), cmp);
    double mw = rounds % 2 ? sw[rounds / 2] : 0.5 * (sw[rounds / 2 - 1] + sw[rounds / 2]);
    double mc = rounds % 2 ? sc[rounds / 2] : 0.5 * (sc[rounds / 2 - 1] + sc[rounds / 2]);
    printf("peer c-exact-gcc-%d.%d samples_per_s %.0f slowest %.0f fastest %.0f cpu_samples_per_s %.0f\n",
           __GNUC__, __GNUC_MINOR__, mw, sw[0], sw[rounds - 1], mc);
    free(images);
    free(labels);
    return 0;
}
