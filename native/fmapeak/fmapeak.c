/*
 * fmapeak: measure the single-core fp32 FMA throughput peak of this CPU.
 *
 * Each variant runs CHAINS independent accumulator chains of vfmadd in a loop
 * (enough chains to cover FMA latency x number of FMA pipes), so the loop is
 * throughput-bound.  Reports GFLOP/s counting one FMA as 2 flops per lane.
 *
 * Build: make   (gcc -O3 -march=native)
 * Run:   ./fmapeak [seconds-per-variant]
 */
#define _POSIX_C_SOURCE 199309L
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static volatile float sink;

/* 12 chains: latency 4 cycles x 2 pipes = 8 needed at least; 12 leaves slack. */
#define CHAINS 12
#define INNER 1000

#ifdef __AVX512F__
static double run512(long iters) {
    __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    __m512 c[CHAINS];
    for (int i = 0; i < CHAINS; i++) c[i] = _mm512_set1_ps((float) i);
    for (long it = 0; it < iters; it++) {
        for (int j = 0; j < INNER; j++) {
            for (int i = 0; i < CHAINS; i++) c[i] = _mm512_fmadd_ps(c[i], a, b);
        }
        __asm__ volatile("" : "+x"(a));
    }
    __m512 s = c[0];
    for (int i = 1; i < CHAINS; i++) s = _mm512_add_ps(s, c[i]);
    sink = _mm512_reduce_add_ps(s);
    return (double) iters * INNER * CHAINS * 16 * 2;
}
#endif

#ifdef __AVX2__
static double run256(long iters) {
    __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    __m256 c[CHAINS];
    for (int i = 0; i < CHAINS; i++) c[i] = _mm256_set1_ps((float) i);
    for (long it = 0; it < iters; it++) {
        for (int j = 0; j < INNER; j++) {
            for (int i = 0; i < CHAINS; i++) c[i] = _mm256_fmadd_ps(c[i], a, b);
        }
        __asm__ volatile("" : "+x"(a));
    }
    __m256 s = c[0];
    for (int i = 1; i < CHAINS; i++) s = _mm256_add_ps(s, c[i]);
    float t[8];
    _mm256_storeu_ps(t, s);
    sink = t[0] + t[1] + t[2] + t[3] + t[4] + t[5] + t[6] + t[7];
    return (double) iters * INNER * CHAINS * 8 * 2;
}
#endif

static void measure(const char *name, double (*fn)(long), double seconds) {
    long iters = 100;
    double t0, t1, flops;
    /* warm up and calibrate */
    for (;;) {
        t0 = now();
        fn(iters);
        t1 = now();
        if (t1 - t0 > 0.05) break;
        iters *= 2;
    }
    iters = (long) (iters * seconds / (t1 - t0)) + 1;
    double best = 0;
    for (int rep = 0; rep < 3; rep++) {
        t0 = now();
        flops = fn(iters);
        t1 = now();
        double g = flops / (t1 - t0) * 1e-9;
        if (g > best) best = g;
    }
    printf("%-8s %8.1f GFLOP/s (fp32 FMA, best of 3)\n", name, best);
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 1.0;
    if (seconds <= 0) seconds = 1.0;
#ifdef __AVX512F__
    measure("avx512", run512, seconds);
#else
    printf("avx512   not compiled in (no __AVX512F__)\n");
#endif
#ifdef __AVX2__
    measure("avx2", run256, seconds);
#else
    printf("avx2     not compiled in (no __AVX2__)\n");
#endif
    return 0;
}
