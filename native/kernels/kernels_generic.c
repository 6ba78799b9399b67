/* The generic path of the nzip kernels: see kernels.h (compiled with the flags in the Makefile). */
#define NZ_ISA_GENERIC 1
#include "kernels.h"
