using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// The separate (unfused) IEEE operations element-wise loops need beyond the matrix product's, one implementation per
/// instruction set: each lane gets exactly the operation the scalar formula applies, so a loop generic over this interface
/// gives every element the same bits on every path and in its scalar tail.
/// </summary>
internal unsafe interface IVectorArithmetic<TVector> : IGemmVectorOps<TVector> where TVector : struct
{
    /// <summary><paramref name="a"/> · <paramref name="b"/>, per lane, rounded once.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary><paramref name="a"/> − <paramref name="b"/>, per lane.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary><paramref name="a"/> / <paramref name="b"/>, per lane.</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>The correctly rounded square root, per lane.</summary>
    static abstract TVector SquareRoot(TVector value);
}

/// <summary>AVX-512F arithmetic (16 floats).</summary>
internal readonly unsafe partial struct Avx512Ops : IVectorArithmetic<Vector512<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => Avx512F.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => Avx512F.Subtract(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => Avx512F.Divide(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> SquareRoot(Vector512<float> value) => Avx512F.Sqrt(value);
}

/// <summary>AVX arithmetic (8 floats).</summary>
internal readonly unsafe partial struct Avx2Ops : IVectorArithmetic<Vector256<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => Avx.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => Avx.Subtract(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => Avx.Divide(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> SquareRoot(Vector256<float> value) => Avx.Sqrt(value);
}

/// <summary>Portable 128-bit arithmetic (4 floats).</summary>
internal readonly unsafe partial struct PortableOps : IVectorArithmetic<Vector128<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> SquareRoot(Vector128<float> value) => Vector128.Sqrt(value);
}
