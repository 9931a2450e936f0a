using MlNetNeural.Core.Kernels;

namespace MlNetNeural.Tests.Kernels;

/// <summary>The three product shapes, a naive double-precision reference for each, and random operands.</summary>
public enum GemmKind
{
    /// <summary>C = A·Bᵀ.</summary>
    TransposedB,

    /// <summary>C = A·B.</summary>
    Plain,

    /// <summary>C = Aᵀ·B.</summary>
    TransposedA,
}

internal static class GemmReference
{
    public static IEnumerable<GemmPath> SupportedPaths =>
        Enum.GetValues<GemmPath>().Where(GemmPaths.IsSupported);

    public static void Run(GemmKind kind, float[] a, float[] b, float[] c, int m, int n, int k, bool accumulate, int threads, GemmPath path)
    {
        switch (kind)
        {
            case GemmKind.TransposedB: Gemm.MultiplyTransposedB(a, b, c, m, n, k, accumulate, threads, path); break;
            case GemmKind.Plain: Gemm.Multiply(a, b, c, m, n, k, accumulate, threads, path); break;
            default: Gemm.MultiplyTransposedA(a, b, c, m, n, k, accumulate, threads, path); break;
        }
    }

    /// <summary>A(i,p) as the kernel of this kind reads it.</summary>
    public static float A(GemmKind kind, float[] a, int i, int p, int m, int k) => kind == GemmKind.TransposedA ? a[p * m + i] : a[i * k + p];

    /// <summary>B(p,j) as the kernel of this kind reads it.</summary>
    public static float B(GemmKind kind, float[] b, int p, int j, int n, int k) => kind == GemmKind.TransposedB ? b[j * k + p] : b[p * n + j];

    /// <summary>Expected C and, per element, Σ|terms| (the scale its rounding error is measured against).</summary>
    public static (double[] Value, double[] Scale) Expected(GemmKind kind, float[] a, float[] b, float[] c0, int m, int n, int k, bool accumulate)
    {
        // Â row by row and B̂ column by column, both contiguous along k, so the triple loop stays simple.
        var rowsOfA = new double[m * k];
        var columnsOfB = new double[n * k];
        for (int p = 0; p < k; p++)
        {
            for (int i = 0; i < m; i++) rowsOfA[i * k + p] = A(kind, a, i, p, m, k);
            for (int j = 0; j < n; j++) columnsOfB[j * k + p] = B(kind, b, p, j, n, k);
        }

        var value = new double[m * n];
        var scale = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c0[i * n + j] : 0, magnitude = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    double term = rowsOfA[i * k + p] * columnsOfB[j * k + p];
                    sum += term;
                    magnitude += Math.Abs(term);
                }

                value[i * n + j] = sum;
                scale[i * n + j] = magnitude;
            }
        }

        return (value, scale);
    }

    public static float[] Random(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
