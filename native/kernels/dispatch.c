/*
 * Run-time choice of the kernel path by CPU features, and the library's identity.
 * The Java side (org.nzip.tensor.NativeTensorOps) asks nz_best_isa() once and binds the symbols
 * nzk_<isa>_<kernel> of that path; every path gives the same bits.
 */
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

/* Bumped when a kernel signature, the set of kernels or an op code changes (2: the uncalled dot,
   matvec, binary, fma, scale, rmsnorm and unary exp removed, tanh/sigmoid renumbered 0/1);
   NativeLibrary refuses a library with another value. */
EXPORT int nz_abi_version(void) {
    return 2;
}

/* "avx512", "avx2" or "generic": the fastest path this CPU (and OS) supports and this build has. */
EXPORT const char *nz_best_isa(void) {
#if defined(__x86_64__) && defined(NZ_HAVE_X86_PATHS)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        return "avx512";
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        return "avx2";
    }
#endif
    return "generic";
}

/* Whether this build and CPU can run the named path ("generic" always). */
EXPORT int nz_isa_supported(const char *isa) {
#if defined(__x86_64__) && defined(NZ_HAVE_X86_PATHS)
    __builtin_cpu_init();
    if (strcmp(isa, "avx512") == 0) {
        return __builtin_cpu_supports("avx512f") != 0;
    }
    if (strcmp(isa, "avx2") == 0) {
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
#endif
    return strcmp(isa, "generic") == 0;
}
