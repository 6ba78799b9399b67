/*
 * nzip native kernels: the C twin of org.nzip.tensor.ScalarTensorOps.
 *
 * This file is a template: kernels_avx512.c, kernels_avx2.c and kernels_generic.c each define one
 * NZ_ISA_* macro and include it, and the Makefile compiles each with its own -m flags, so one
 * shared library holds the three paths; the Java side (NativeTensorOps) binds the symbols of the
 * best path the CPU supports (nz_best_isa()).
 *
 * Bit-identity with the Java kernels is the whole contract (DESIGN.md, "The determinism contract"):
 *  - compiled with -O3 -ffp-contract=off and without -ffast-math: a*b+c is never fused, sums are
 *    never re-associated, denormals are kept;
 *  - fma only where the Java twin uses Math.fma, through explicit intrinsics (fmaf in the generic
 *    path, which glibc rounds correctly with or without FMA hardware);
 *  - every output element runs the canonical chain of TensorOps' javadoc: vector lanes are
 *    independent output elements (lane per column / per k), never pieces of one sum;
 *  - min/max follow Java's Math.min/max (NaN wins, -0 < +0), and exp/tanh/sigmoid are FloatMath's
 *    operation sequences, with the same constants.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#if defined(NZ_ISA_AVX512)
#  include <immintrin.h>
#  define W 16
#  define FN(name) nzk_avx512_##name
#elif defined(NZ_ISA_AVX2)
#  include <immintrin.h>
#  define W 8
#  define FN(name) nzk_avx2_##name
#elif defined(NZ_ISA_GENERIC)
#  define W 1
#  define FN(name) nzk_generic_##name
#else
#  error "define one of NZ_ISA_AVX512, NZ_ISA_AVX2, NZ_ISA_GENERIC"
#endif

#define EXPORT __attribute__((visibility("default")))
#define INLINE static inline __attribute__((always_inline))

enum { INIT_ZERO = 0, INIT_OUTPUT = 1, INIT_BIAS = 2 };
enum { OP_TANH = 0, OP_SIGMOID = 1 }; /* TensorOps.OP_TANH, OP_SIGMOID */

/* ---- FloatMath constants (must equal org.nzip.tensor.FloatMath) ---- */
#define EXP_MIN_ARG (-104.0f)
#define EXP_MAX_ARG 89.0f
#define LOG2E 1.44269502f
#define ROUND_MAGIC 12582912.0f
#define ROUND_MAGIC_BITS 0x4B400000
#define NEG_LN2_HI (-0.693145751953125f)
#define NEG_LN2_LO (-1.42860677e-6f)
#define EXP_C2 0.5f
#define EXP_C3 0.16666667f
#define EXP_C4 0.041666668f
#define EXP_C5 0.008333334f
#define EXP_C6 0.0013888889f
#define EXP_C7 1.9841270e-4f
#define TANH_SMALL 0.625f
#define TANH_Q0 (-0.33333280682563780f)
#define TANH_Q1 0.13331441581249237f
#define TANH_Q2 (-0.05373971536755562f)
#define TANH_Q3 0.02063908986747265f
#define TANH_Q4 (-0.0057049887254834175f)
#define SIGN_BIT 0x80000000u

/* =============================================================================================
 * Scalar helpers: literal transcriptions of the Java code (used by the generic path and by the
 * tails of the vector paths).
 * ============================================================================================= */

INLINE uint32_t f2u(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
INLINE float u2f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

/* Math.max(a, b): NaN if either is NaN; max(-0, +0) = +0. */
INLINE float jmaxf(float a, float b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == b) return u2f(f2u(a) & f2u(b)); /* equal: identical, or +-0 -> +0 */
    return a > b ? a : b;
}

/* Math.min(a, b): NaN if either is NaN; min(-0, +0) = -0. */
INLINE float jminf(float a, float b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == b) return u2f(f2u(a) | f2u(b));
    return a < b ? a : b;
}

INLINE float s_exp(float x) {
    float xc = jminf(jmaxf(x, EXP_MIN_ARG), EXP_MAX_ARG);
    float t = fmaf(xc, LOG2E, ROUND_MAGIC);
    float n = t - ROUND_MAGIC;
    float r = fmaf(n, NEG_LN2_HI, xc);
    r = fmaf(n, NEG_LN2_LO, r);
    float p = EXP_C7;
    p = fmaf(p, r, EXP_C6);
    p = fmaf(p, r, EXP_C5);
    p = fmaf(p, r, EXP_C4);
    p = fmaf(p, r, EXP_C3);
    p = fmaf(p, r, EXP_C2);
    p = fmaf(p, r, 1.0f);
    p = fmaf(p, r, 1.0f);
    int32_t ni = (int32_t) (f2u(t) - (uint32_t) ROUND_MAGIC_BITS);
    int32_t n1 = ni >> 1; /* arithmetic shift (gcc), as Java's >> */
    int32_t n2 = ni - n1;
    float s1 = u2f((uint32_t) (n1 + 127) << 23);
    float s2 = u2f((uint32_t) (n2 + 127) << 23);
    return p * s1 * s2;
}

INLINE float s_tanh(float x) {
    float a = u2f(f2u(x) & ~SIGN_BIT);
    float u = x * x;
    float q = TANH_Q4;
    q = fmaf(q, u, TANH_Q3);
    q = fmaf(q, u, TANH_Q2);
    q = fmaf(q, u, TANH_Q1);
    q = fmaf(q, u, TANH_Q0);
    float small = fmaf(x * u, q, x);
    float e = s_exp(-2.0f * a);
    float large = (1.0f - e) / (1.0f + e);
    float r = a < TANH_SMALL ? small : large;
    return u2f(f2u(r) | (f2u(x) & SIGN_BIT));
}

INLINE float s_sigmoid(float x) {
    float e = s_exp(-u2f(f2u(x) & ~SIGN_BIT));
    float num = x >= 0.0f ? 1.0f : e;
    return num / (1.0f + e);
}

INLINE float s_unary(int op, float x) {
    return op == OP_TANH ? s_tanh(x) : s_sigmoid(x);
}

/* =============================================================================================
 * Vector abstraction: vf is W float lanes. Every operation is lane-wise and exactly rounded.
 * ============================================================================================= */

#if defined(NZ_ISA_AVX512)
typedef __m512 vf;
typedef __m512i vi;
#define VLOAD(p) _mm512_loadu_ps(p)
#define VSTORE(p, v) _mm512_storeu_ps((p), (v))
#define VSET1(s) _mm512_set1_ps(s)
#define VZERO() _mm512_setzero_ps()
#define VFMA(a, b, c) _mm512_fmadd_ps((a), (b), (c))
#define VADD(a, b) _mm512_add_ps((a), (b))
#define VSUB(a, b) _mm512_sub_ps((a), (b))
#define VMUL(a, b) _mm512_mul_ps((a), (b))
#define VDIV(a, b) _mm512_div_ps((a), (b))
#define VSQRT(a) _mm512_sqrt_ps(a)
#define VCASTI(v) _mm512_castps_si512(v)
#define VCASTF(v) _mm512_castsi512_ps(v)
#define VI_AND(a, b) _mm512_and_si512((a), (b))
#define VI_OR(a, b) _mm512_or_si512((a), (b))
#define VI_SET1(s) _mm512_set1_epi32(s)
#define VI_ADD(a, b) _mm512_add_epi32((a), (b))
#define VI_SUB(a, b) _mm512_sub_epi32((a), (b))
#define VI_SRAI(a, n) _mm512_srai_epi32((a), (n))
#define VI_SLLI(a, n) _mm512_slli_epi32((a), (n))
/* max/min with a constant c and NaN from x: maxps returns its second operand when either is NaN. */
#define VMAX_CX(c, x) _mm512_max_ps((c), (x))
#define VMIN_CX(c, x) _mm512_min_ps((c), (x))
INLINE vf vsel_lt(vf a, vf b, vf t, vf f) { /* a < b ? t : f (ordered, false for NaN) */
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(a, b, _CMP_LT_OQ), f, t);
}
INLINE vf vsel_ge(vf a, vf b, vf t, vf f) {
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(a, b, _CMP_GE_OQ), f, t);
}
INLINE vf vjmax(vf a, vf b) {
    vf r = _mm512_max_ps(a, b);
    r = _mm512_mask_mov_ps(r, _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ), VCASTF(VI_AND(VCASTI(a), VCASTI(b))));
    return _mm512_mask_mov_ps(r, _mm512_cmp_ps_mask(a, b, _CMP_UNORD_Q), _mm512_add_ps(a, b));
}
INLINE vf vjmin(vf a, vf b) {
    vf r = _mm512_min_ps(a, b);
    r = _mm512_mask_mov_ps(r, _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ), VCASTF(VI_OR(VCASTI(a), VCASTI(b))));
    return _mm512_mask_mov_ps(r, _mm512_cmp_ps_mask(a, b, _CMP_UNORD_Q), _mm512_add_ps(a, b));
}
#elif defined(NZ_ISA_AVX2)
typedef __m256 vf;
typedef __m256i vi;
#define VLOAD(p) _mm256_loadu_ps(p)
#define VSTORE(p, v) _mm256_storeu_ps((p), (v))
#define VSET1(s) _mm256_set1_ps(s)
#define VZERO() _mm256_setzero_ps()
#define VFMA(a, b, c) _mm256_fmadd_ps((a), (b), (c))
#define VADD(a, b) _mm256_add_ps((a), (b))
#define VSUB(a, b) _mm256_sub_ps((a), (b))
#define VMUL(a, b) _mm256_mul_ps((a), (b))
#define VDIV(a, b) _mm256_div_ps((a), (b))
#define VSQRT(a) _mm256_sqrt_ps(a)
#define VCASTI(v) _mm256_castps_si256(v)
#define VCASTF(v) _mm256_castsi256_ps(v)
#define VI_AND(a, b) _mm256_and_si256((a), (b))
#define VI_OR(a, b) _mm256_or_si256((a), (b))
#define VI_SET1(s) _mm256_set1_epi32(s)
#define VI_ADD(a, b) _mm256_add_epi32((a), (b))
#define VI_SUB(a, b) _mm256_sub_epi32((a), (b))
#define VI_SRAI(a, n) _mm256_srai_epi32((a), (n))
#define VI_SLLI(a, n) _mm256_slli_epi32((a), (n))
#define VMAX_CX(c, x) _mm256_max_ps((c), (x))
#define VMIN_CX(c, x) _mm256_min_ps((c), (x))
INLINE vf vsel_lt(vf a, vf b, vf t, vf f) {
    return _mm256_blendv_ps(f, t, _mm256_cmp_ps(a, b, _CMP_LT_OQ));
}
INLINE vf vsel_ge(vf a, vf b, vf t, vf f) {
    return _mm256_blendv_ps(f, t, _mm256_cmp_ps(a, b, _CMP_GE_OQ));
}
INLINE vf vjmax(vf a, vf b) {
    vf r = _mm256_max_ps(a, b);
    r = _mm256_blendv_ps(r, VCASTF(VI_AND(VCASTI(a), VCASTI(b))), _mm256_cmp_ps(a, b, _CMP_EQ_OQ));
    return _mm256_blendv_ps(r, _mm256_add_ps(a, b), _mm256_cmp_ps(a, b, _CMP_UNORD_Q));
}
INLINE vf vjmin(vf a, vf b) {
    vf r = _mm256_min_ps(a, b);
    r = _mm256_blendv_ps(r, VCASTF(VI_OR(VCASTI(a), VCASTI(b))), _mm256_cmp_ps(a, b, _CMP_EQ_OQ));
    return _mm256_blendv_ps(r, _mm256_add_ps(a, b), _mm256_cmp_ps(a, b, _CMP_UNORD_Q));
}
#else /* generic: one lane, the scalar helpers */
typedef float vf;
#define VLOAD(p) (*(p))
#define VSTORE(p, v) (*(p) = (v))
#define VSET1(s) (s)
#define VZERO() 0.0f
#define VFMA(a, b, c) fmaf((a), (b), (c))
#define VADD(a, b) ((a) + (b))
#define VSUB(a, b) ((a) - (b))
#define VMUL(a, b) ((a) * (b))
#define VDIV(a, b) ((a) / (b))
#define VSQRT(a) sqrtf(a)
INLINE vf vjmax(vf a, vf b) { return jmaxf(a, b); }
INLINE vf vjmin(vf a, vf b) { return jminf(a, b); }
#endif

#if W > 1
INLINE vf v_exp(vf x) {
    vf xc = VMIN_CX(VSET1(EXP_MAX_ARG), VMAX_CX(VSET1(EXP_MIN_ARG), x));
    vf t = VFMA(xc, VSET1(LOG2E), VSET1(ROUND_MAGIC));
    vf n = VSUB(t, VSET1(ROUND_MAGIC));
    vf r = VFMA(n, VSET1(NEG_LN2_HI), xc);
    r = VFMA(n, VSET1(NEG_LN2_LO), r);
    vf p = VSET1(EXP_C7);
    p = VFMA(p, r, VSET1(EXP_C6));
    p = VFMA(p, r, VSET1(EXP_C5));
    p = VFMA(p, r, VSET1(EXP_C4));
    p = VFMA(p, r, VSET1(EXP_C3));
    p = VFMA(p, r, VSET1(EXP_C2));
    p = VFMA(p, r, VSET1(1.0f));
    p = VFMA(p, r, VSET1(1.0f));
    vi ni = VI_SUB(VCASTI(t), VI_SET1(ROUND_MAGIC_BITS));
    vi n1 = VI_SRAI(ni, 1);
    vi n2 = VI_SUB(ni, n1);
    vf s1 = VCASTF(VI_SLLI(VI_ADD(n1, VI_SET1(127)), 23));
    vf s2 = VCASTF(VI_SLLI(VI_ADD(n2, VI_SET1(127)), 23));
    return VMUL(VMUL(p, s1), s2);
}

INLINE vf v_abs(vf x) { return VCASTF(VI_AND(VCASTI(x), VI_SET1(0x7FFFFFFF))); }

INLINE vf v_tanh(vf x) {
    vf a = v_abs(x);
    vf u = VMUL(x, x);
    vf q = VSET1(TANH_Q4);
    q = VFMA(q, u, VSET1(TANH_Q3));
    q = VFMA(q, u, VSET1(TANH_Q2));
    q = VFMA(q, u, VSET1(TANH_Q1));
    q = VFMA(q, u, VSET1(TANH_Q0));
    vf small = VFMA(VMUL(x, u), q, x);
    vf e = v_exp(VMUL(VSET1(-2.0f), a));
    vf large = VDIV(VSUB(VSET1(1.0f), e), VADD(VSET1(1.0f), e));
    vf r = vsel_lt(a, VSET1(TANH_SMALL), small, large);
    return VCASTF(VI_OR(VCASTI(r), VI_AND(VCASTI(x), VI_SET1((int) SIGN_BIT))));
}

INLINE vf v_sigmoid(vf x) {
    vf e = v_exp(VCASTF(VI_OR(VCASTI(x), VI_SET1((int) SIGN_BIT)))); /* -|x| */
    vf num = vsel_ge(x, VZERO(), VSET1(1.0f), e);
    return VDIV(num, VADD(VSET1(1.0f), e));
}
#else
#define v_exp s_exp
#define v_tanh s_tanh
#define v_sigmoid s_sigmoid
#endif

/* =============================================================================================
 * The batched product (TensorOps.matmulKernel): for i < rows, c < cols:
 *   acc = init; for j < inner: acc = fma(a[i*rs + j*cs], x[j*cols + c], acc); y[i*cols + c] = acc
 * Register tiles of R rows x C vectors of W columns; each lane is one output element's chain.
 * matmulTransposedRows (rs = 1, cs = K) and outerAccumulate (a = dY, rs = B, cs = 1, x = Xt,
 * cols = K) are the same kernel with other strides.
 * ============================================================================================= */

INLINE void tile(const float *a, long rs, long cs, int inner, const float *x, long cols,
                 float *y, int mode, const float *bias, const int R, const int C) {
    vf acc[32][2]; /* R <= 32, C <= 2: fixed sizes so that gcc keeps the used part in registers */
#pragma GCC unroll 32
    for (int r = 0; r < R; r++) {
#pragma GCC unroll 4
        for (int c = 0; c < C; c++) {
            acc[r][c] = mode == INIT_ZERO ? VZERO()
                      : mode == INIT_OUTPUT ? VLOAD(y + r * cols + c * W) : VSET1(bias[r]);
        }
    }
    /* Row r's element j is at p[r / 3][(r % 3) * rs + j * cs]: one pointer per 3 rows, the other two
       rows through the scaled-index addressing modes (rs*4 and rs*8 bytes), so that a tile of 16
       rows needs 6 pointers instead of 16 index registers. */
    const float *p[11];
#pragma GCC unroll 11
    for (int q = 0; q < (R + 2) / 3; q++) {
        p[q] = a + 3 * q * rs;
    }
    for (int j = 0; j < inner; j++) {
        const float *xj = x + j * cols;
        vf xv[2];
#pragma GCC unroll 4
        for (int c = 0; c < C; c++) {
            xv[c] = VLOAD(xj + c * W);
        }
#pragma GCC unroll 32
        for (int r = 0; r < R; r++) {
            vf av = VSET1(p[r / 3][(r % 3) * rs]);
#pragma GCC unroll 4
            for (int c = 0; c < C; c++) {
                acc[r][c] = VFMA(av, xv[c], acc[r][c]);
            }
        }
#pragma GCC unroll 11
        for (int q = 0; q < (R + 2) / 3; q++) {
            p[q] += cs;
        }
    }
#pragma GCC unroll 32
    for (int r = 0; r < R; r++) {
#pragma GCC unroll 4
        for (int c = 0; c < C; c++) {
            VSTORE(y + r * cols + c * W, acc[r][c]);
        }
    }
}

/* Scalar chains for the columns left over after the full vectors: 4 rows at a time, then 1. */
INLINE void scalar_tile(const float *a, long rs, long cs, int inner, const float *x, long cols,
                        float *y, int mode, const float *bias, const int R) {
    float acc[4];
#pragma GCC unroll 4
    for (int r = 0; r < R; r++) {
        acc[r] = mode == INIT_ZERO ? 0.0f : mode == INIT_OUTPUT ? y[r * cols] : bias[r];
    }
    for (int j = 0; j < inner; j++) {
        float xv = x[j * cols];
#pragma GCC unroll 4
        for (int r = 0; r < R; r++) {
            acc[r] = fmaf(a[r * rs + j * cs], xv, acc[r]);
        }
    }
#pragma GCC unroll 4
    for (int r = 0; r < R; r++) {
        y[r * cols] = acc[r];
    }
}

#if defined(NZ_ISA_AVX512)
/* Eight columns left over after the 16-lane vectors (a batch of 8 streams, such as half of 16):
   the same chains in 256-bit registers, R rows at a time (lane per column, as the wide tiles). */
INLINE void tile8(const float *a, long rs, long cs, int inner, const float *x, long cols,
                  float *y, int mode, const float *bias, const int R) {
    __m256 acc[16];
#pragma GCC unroll 16
    for (int r = 0; r < R; r++) {
        acc[r] = mode == INIT_ZERO ? _mm256_setzero_ps()
               : mode == INIT_OUTPUT ? _mm256_loadu_ps(y + r * cols) : _mm256_set1_ps(bias[r]);
    }
    const float *p[6];
#pragma GCC unroll 6
    for (int q = 0; q < (R + 2) / 3; q++) {
        p[q] = a + 3 * q * rs;
    }
    for (int j = 0; j < inner; j++) {
        __m256 xv = _mm256_loadu_ps(x + j * cols);
#pragma GCC unroll 16
        for (int r = 0; r < R; r++) {
            acc[r] = _mm256_fmadd_ps(_mm256_set1_ps(p[r / 3][(r % 3) * rs]), xv, acc[r]);
        }
#pragma GCC unroll 6
        for (int q = 0; q < (R + 2) / 3; q++) {
            p[q] += cs;
        }
    }
#pragma GCC unroll 16
    for (int r = 0; r < R; r++) {
        _mm256_storeu_ps(y + r * cols, acc[r]);
    }
}
#endif

#if W > 1
/* Lane per row, for a batch narrower than a vector (cols < W) when a row's elements are adjacent
   across rows (rs == 1, the weights given transposed): RV vectors of W rows x CC columns, every lane
   still one output element's chain in the canonical order (fma(a, x, acc) with a the broadcast x's
   partner: the product commutes exactly). */
INLINE void tile_rows(const float *a, long cs, int inner, const float *x, long cols,
                      float *y, int mode, const float *bias, const int RV, const int CC) {
    vf acc[2][8];
    float t[W];
#pragma GCC unroll 2
    for (int v = 0; v < RV; v++) {
#pragma GCC unroll 8
        for (int c = 0; c < CC; c++) {
            if (mode == INIT_ZERO) {
                acc[v][c] = VZERO();
            } else if (mode == INIT_BIAS) {
                acc[v][c] = VLOAD(bias + v * W);
            } else {
                for (int l = 0; l < W; l++) t[l] = y[(long) (v * W + l) * cols + c];
                acc[v][c] = VLOAD(t);
            }
        }
    }
    for (int j = 0; j < inner; j++) {
        const float *aj = a + j * cs;
        const float *xj = x + j * cols;
        vf av[2];
#pragma GCC unroll 2
        for (int v = 0; v < RV; v++) {
            av[v] = VLOAD(aj + v * W);
        }
#pragma GCC unroll 8
        for (int c = 0; c < CC; c++) {
            vf xb = VSET1(xj[c]);
#pragma GCC unroll 2
            for (int v = 0; v < RV; v++) {
                acc[v][c] = VFMA(av[v], xb, acc[v][c]);
            }
        }
    }
#pragma GCC unroll 2
    for (int v = 0; v < RV; v++) {
#pragma GCC unroll 8
        for (int c = 0; c < CC; c++) {
            VSTORE(t, acc[v][c]);
            for (int l = 0; l < W; l++) y[(long) (v * W + l) * cols + c] = t[l];
        }
    }
}

/* Columns [0, cols) of RV row vectors, at most 8 columns per tile. */
INLINE void rows_block(const float *a, long cs, int inner, const float *x, long cols,
                       float *y, int mode, const float *bias, const int RV) {
    int c = 0;
    for (; c + 8 <= cols; c += 8) {
        tile_rows(a, cs, inner, x + c, cols, y + c, mode, bias, RV, 8);
    }
    switch (cols - c) {
    case 7: tile_rows(a, cs, inner, x + c, cols, y + c, mode, bias, RV, 7); break;
    case 6: tile_rows(a, cs, inner, x + c, cols, y + c, mode, bias, RV, 6); break;
    case 5: tile_rows(a, cs, inner, x + c, cols, y + c, mode, bias, RV, 5); break;
    case 4: tile_rows(a, cs, inner, x + c, cols, y + c, mode, bias, RV, 4); break;
    case 3: tile_rows(a, cs, inner, x + c, cols, y + c, mode, bias, RV, 3); break;
    case 2: tile_rows(a, cs, inner, x + c, cols, y + c, mode, bias, RV, 2); break;
    case 1: tile_rows(a, cs, inner, x + c, cols, y + c, mode, bias, RV, 1); break;
    default: break;
    }
}
#endif

/* Tile shapes per path: R2 x 2 vectors, R1 x 1 vector (accumulators fit the register file). */
#if defined(NZ_ISA_AVX512)
#  define R2 12
#  define R1 16
#elif defined(NZ_ISA_AVX2)
#  define R2 6
#  define R1 12
#else
#  define R2 4
#  define R1 8
#endif

EXPORT void FN(matmul)(const float *a, int aOff, int rs, int cs, int rows, int inner,
                       const float *bias, int biasOff, const float *x, int xOff, int cols,
                       float *y, int yOff, int mode) {
    a += aOff;
    x += xOff;
    y += yOff;
    const float *bb = bias ? bias + biasOff : 0;
    long lrs = rs, lcs = cs, lcols = cols;
#if W > 1
    if (rs == 1 && cols < W && rows >= W) {
        int i = 0;
        for (; i + 2 * W <= rows; i += 2 * W) {
            rows_block(a + i, lcs, inner, x, lcols, y + i * lcols, mode, bb ? bb + i : 0, 2);
        }
        for (; i + W <= rows; i += W) {
            rows_block(a + i, lcs, inner, x, lcols, y + i * lcols, mode, bb ? bb + i : 0, 1);
        }
        /* the rows left over (fewer than W): the column tiles below */
        a += i;
        y += i * lcols;
        if (bb) bb += i;
        rows -= i;
        if (rows == 0) return;
    }
#endif
    int c0 = 0;
    for (; c0 + 2 * W <= cols; c0 += 2 * W) {
        int i = 0;
        for (; i + R2 <= rows; i += R2) {
            tile(a + i * lrs, lrs, lcs, inner, x + c0, lcols, y + i * lcols + c0, mode, bb ? bb + i : 0, R2, 2);
        }
        for (; i < rows; i++) {
            tile(a + i * lrs, lrs, lcs, inner, x + c0, lcols, y + i * lcols + c0, mode, bb ? bb + i : 0, 1, 2);
        }
    }
    for (; c0 + W <= cols; c0 += W) {
        int i = 0;
        for (; i + R1 <= rows; i += R1) {
            tile(a + i * lrs, lrs, lcs, inner, x + c0, lcols, y + i * lcols + c0, mode, bb ? bb + i : 0, R1, 1);
        }
        for (; i < rows; i++) {
            tile(a + i * lrs, lrs, lcs, inner, x + c0, lcols, y + i * lcols + c0, mode, bb ? bb + i : 0, 1, 1);
        }
    }
#if defined(NZ_ISA_AVX512)
    if (c0 + 8 <= cols) {
        int i = 0;
        for (; i + 12 <= rows; i += 12) {
            tile8(a + i * lrs, lrs, lcs, inner, x + c0, lcols, y + i * lcols + c0, mode, bb ? bb + i : 0, 12);
        }
        for (; i < rows; i++) {
            tile8(a + i * lrs, lrs, lcs, inner, x + c0, lcols, y + i * lcols + c0, mode, bb ? bb + i : 0, 1);
        }
        c0 += 8;
    }
#endif
    for (int c = c0; c < cols; c++) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            scalar_tile(a + i * lrs, lrs, lcs, inner, x + c, lcols, y + i * lcols + c, mode, bb ? bb + i : 0, 4);
        }
        for (; i < rows; i++) {
            scalar_tile(a + i * lrs, lrs, lcs, inner, x + c, lcols, y + i * lcols + c, mode, bb ? bb + i : 0, 1);
        }
    }
}

/* =============================================================================================
 * Element-wise activations (out may be exactly the input range)
 * ============================================================================================= */

EXPORT void FN(unary)(int op, const float *a, int aOff, float *out, int outOff, int n) {
    a += aOff;
    out += outOff;
    int i = 0;
    switch (op) {
    case OP_TANH:
        for (; i + W <= n; i += W) VSTORE(out + i, v_tanh(VLOAD(a + i)));
        break;
    default:
        for (; i + W <= n; i += W) VSTORE(out + i, v_sigmoid(VLOAD(a + i)));
        break;
    }
    for (; i < n; i++) out[i] = s_unary(op, a[i]);
}

/* =============================================================================================
 * Column-wise kernels (rows x B, lane per column)
 * ============================================================================================= */

EXPORT void FN(softmax)(const float *x, int xOff, int rows, int b, float *out, int outOff) {
    x += xOff;
    out += outOff;
    int c = 0;
#if W > 1
    for (; c + W <= b; c += W) {
        vf mx = VSET1(-INFINITY);
        for (int r = 0; r < rows; r++) mx = vjmax(mx, VLOAD(x + (long) r * b + c));
        vf sum = VZERO();
        for (int r = 0; r < rows; r++) {
            vf e = v_exp(VSUB(VLOAD(x + (long) r * b + c), mx));
            VSTORE(out + (long) r * b + c, e);
            sum = VADD(sum, e);
        }
        vf inv = VDIV(VSET1(1.0f), sum);
        for (int r = 0; r < rows; r++) VSTORE(out + (long) r * b + c, VMUL(VLOAD(out + (long) r * b + c), inv));
    }
#endif
    for (; c < b; c++) {
        float mx = -INFINITY;
        for (int r = 0; r < rows; r++) mx = jmaxf(mx, x[(long) r * b + c]);
        float sum = 0.0f;
        for (int r = 0; r < rows; r++) {
            float e = s_exp(x[(long) r * b + c] - mx);
            out[(long) r * b + c] = e;
            sum = sum + e;
        }
        float inv = 1.0f / sum;
        for (int r = 0; r < rows; r++) out[(long) r * b + c] = out[(long) r * b + c] * inv;
    }
}

/* =============================================================================================
 * Adam with beta1 = 0 (TensorOps.adamUpdate)
 * ============================================================================================= */

EXPORT void FN(adam)(float *w, int wOff, const float *g, int gOff, float *v, int vOff, int n,
                     float lr, float beta2, float oneMinusBeta2, float eps, float clip) {
    w += wOff;
    g += gOff;
    v += vOff;
    float negClip = -clip;
    int i = 0;
#if W > 1
    vf vclip = VSET1(clip), vneg = VSET1(negClip), vb2 = VSET1(beta2), vomb2 = VSET1(oneMinusBeta2);
    vf vlr = VSET1(lr), veps = VSET1(eps);
    for (; i + W <= n; i += W) {
        vf gc = vjmin(vjmax(VLOAD(g + i), vneg), vclip);
        vf vv = VFMA(vb2, VLOAD(v + i), VMUL(vomb2, VMUL(gc, gc)));
        VSTORE(v + i, vv);
        VSTORE(w + i, VSUB(VLOAD(w + i), VDIV(VMUL(vlr, gc), VADD(VSQRT(vv), veps))));
    }
#endif
    for (; i < n; i++) {
        float gc = jminf(jmaxf(g[i], negClip), clip);
        float vv = fmaf(beta2, v[i], oneMinusBeta2 * (gc * gc));
        v[i] = vv;
        w[i] = w[i] - (lr * gc) / (sqrtf(vv) + eps);
    }
}
