/* The avx512 path of the nzip kernels: see kernels.h (compiled with the flags in the Makefile). */
#define NZ_ISA_AVX512 1
#include "kernels.h"
