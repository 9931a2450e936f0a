using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MlNetNeural.Core.Kernels;

/// <summary>Instruction-set path a matrix product runs on.</summary>
internal enum GemmPath
{
    /// <summary><see cref="Vector128{T}"/> with multiply-add where the hardware has it; runs everywhere.</summary>
    Portable,

    /// <summary><see cref="Vector256{T}"/> with fused multiply-add (AVX2 + FMA).</summary>
    Avx2,

    /// <summary><see cref="Vector512{T}"/> with fused multiply-add (AVX-512F).</summary>
    Avx512,
}

/// <summary>Which <see cref="GemmPath"/> values this machine can run, and the fastest of them.</summary>
internal static class GemmPaths
{
    /// <summary>The fastest path the machine supports, chosen once at start-up.</summary>
    public static readonly GemmPath Best =
        IsSupported(GemmPath.Avx512) ? GemmPath.Avx512 :
        IsSupported(GemmPath.Avx2) ? GemmPath.Avx2 : GemmPath.Portable;

    /// <summary>True when <paramref name="path"/> can run on this machine.</summary>
    public static bool IsSupported(GemmPath path) => path switch
    {
        GemmPath.Avx512 => Vector512.IsHardwareAccelerated && Avx512F.IsSupported,
        GemmPath.Avx2 => Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported,
        GemmPath.Portable => true,
        _ => false,
    };
}
