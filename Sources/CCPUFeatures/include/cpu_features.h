#ifndef RNNLAB_CPU_FEATURES_H
#define RNNLAB_CPU_FEATURES_H

/// The widest x86-64 level this CPU and OS run: 4 (x86-64-v4: AVX-512 F, BW,
/// CD, DQ, VL), 3 (x86-64-v3: AVX2, FMA, BMI1/2, F16C, LZCNT, MOVBE), else 1
/// (baseline x86-64, and every other architecture). Reads CPUID and, for the
/// vector registers, XGETBV: the OS must save their state.
int rnnlab_x86_64_level(void);

#endif
