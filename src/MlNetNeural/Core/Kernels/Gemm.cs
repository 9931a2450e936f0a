using System.Numerics.Tensors;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// Single-precision matrix products in the three shapes that training a dense network needs.
/// All matrices are dense and row-major. Every output element is computed by exactly one thread
/// with a fixed summation order, so results are bit-identical for any <c>threads</c> value.
/// </summary>
public static class Gemm
{
    /// <summary>C[m×n] = A[m×k] · B[n×k]ᵀ (+ C when <paramref name="accumulate"/>). Forward pass: X·Wᵀ.</summary>
    /// <param name="a">Left operand, m rows of k values.</param>
    /// <param name="b">Right operand stored as n rows of k values (it is transposed in the product).</param>
    /// <param name="c">Output, m rows of n values.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Rows of B; columns of C.</param>
    /// <param name="k">Shared inner dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <param name="threads">Upper bound on worker threads (1 = calling thread only).</param>
    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false, int threads = 1)
    {
        Check(a, m * k, b, n * k, c, m * n);
        for (int i = 0; i < m; i++)
        {
            var row = a.Slice(i * k, k);
            var outRow = c.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                float dot = TensorPrimitives.Dot(row, b.Slice(j * k, k));
                outRow[j] = accumulate ? outRow[j] + dot : dot;
            }
        }
    }

    /// <summary>C[m×n] = A[m×k] · B[k×n] (+ C when <paramref name="accumulate"/>). Input gradient: dY·W.</summary>
    /// <param name="a">Left operand, m rows of k values.</param>
    /// <param name="b">Right operand, k rows of n values.</param>
    /// <param name="c">Output, m rows of n values.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Shared inner dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <param name="threads">Upper bound on worker threads (1 = calling thread only).</param>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false, int threads = 1)
    {
        Check(a, m * k, b, k * n, c, m * n);
        if (!accumulate) c.Slice(0, m * n).Clear();
        for (int i = 0; i < m; i++)
        {
            var outRow = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                float av = a[i * k + p];
                if (av != 0f) TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), av, outRow, outRow);
            }
        }
    }

    /// <summary>C[m×n] = A[k×m]ᵀ · B[k×n] (+ C when <paramref name="accumulate"/>). Weight gradient: dYᵀ·X.</summary>
    /// <param name="a">Left operand stored as k rows of m values (it is transposed in the product).</param>
    /// <param name="b">Right operand, k rows of n values.</param>
    /// <param name="c">Output, m rows of n values.</param>
    /// <param name="m">Columns of A; rows of C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Shared inner dimension (rows of A and B).</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <param name="threads">Upper bound on worker threads (1 = calling thread only).</param>
    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false, int threads = 1)
    {
        Check(a, k * m, b, k * n, c, m * n);
        if (!accumulate) c.Slice(0, m * n).Clear();
        for (int p = 0; p < k; p++)
        {
            var bRow = b.Slice(p * n, n);
            for (int i = 0; i < m; i++)
            {
                float av = a[p * m + i];
                if (av != 0f)
                {
                    var outRow = c.Slice(i * n, n);
                    TensorPrimitives.MultiplyAdd(bRow, av, outRow, outRow);
                }
            }
        }
    }

    private static void Check(ReadOnlySpan<float> a, int aLength, ReadOnlySpan<float> b, int bLength, Span<float> c, int cLength)
    {
        if (a.Length < aLength) throw new ArgumentException($"Left operand holds {a.Length} values; the shape needs {aLength}.", nameof(a));
        if (b.Length < bLength) throw new ArgumentException($"Right operand holds {b.Length} values; the shape needs {bLength}.", nameof(b));
        if (c.Length < cLength) throw new ArgumentException($"Output holds {c.Length} values; the shape needs {cLength}.", nameof(c));
    }
}
