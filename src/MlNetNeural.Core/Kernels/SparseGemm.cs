using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// Matrix products with a sparse (<see cref="CsrMatrix"/>) operand, in the three shapes that a sparse dense layer
/// needs. Every output element is a sum over the stored entries of one sparse row (or column), taken in storage order
/// with a separate multiply and add, starting from 0; the batched and the one-row paths follow that same order, so a
/// row's result does not depend on how many rows are computed with it (scoring one row or a block gives the same bits).
/// Single-threaded; allocation-free (the caller passes the scratch space).
/// </summary>
public static class SparseGemm
{
    /// <summary>Batches of fewer rows take the row-by-row path; larger ones are transposed so that the inner loop runs over rows in vectors.</summary>
    private const int BatchedFromRows = 4;

    /// <summary>Scratch floats that <see cref="MultiplyTransposedB"/> needs for <paramref name="m"/> rows of <paramref name="k"/> values.</summary>
    /// <param name="m">Rows of A.</param>
    /// <param name="k">Columns of A (the sparse matrix's columns).</param>
    public static int ForwardScratchLength(int m, int k) => m < BatchedFromRows ? 0 : checked(m * k + m);

    /// <summary>Scratch floats that <see cref="MultiplyAtPattern"/> and <see cref="Multiply"/> need: both operands transposed.</summary>
    /// <param name="m">Rows (the batch).</param>
    /// <param name="n">Rows of the sparse matrix.</param>
    /// <param name="k">Columns of the sparse matrix.</param>
    public static int BackwardScratchLength(int m, int n, int k) => checked(m * n + m * k);

    /// <summary>C[m×n] = A[m×k] · Bᵀ with B sparse [n×k]: the forward pass X·Wᵀ of a sparse layer.</summary>
    /// <param name="a">m rows of k values.</param>
    /// <param name="b">The sparse matrix, n rows of k columns.</param>
    /// <param name="c">Output, m rows of n values (overwritten).</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="scratch">At least <see cref="ForwardScratchLength"/> floats.</param>
    public static void MultiplyTransposedB(ReadOnlySpan<float> a, CsrMatrix b, Span<float> c, int m, Span<float> scratch)
    {
        int n = b.Rows, k = b.Columns;
        CheckLength(a, m * k, nameof(a));
        CheckLength(c, m * n, nameof(c));
        if (m < BatchedFromRows)
        {
            for (int row = 0; row < m; row++) RowTimesTransposed(a.Slice(row * k, k), b, c.Slice(row * n, n));
            return;
        }
        CheckLength(scratch, ForwardScratchLength(m, k), nameof(scratch));
        Span<float> aT = scratch.Slice(0, m * k), sums = scratch.Slice(m * k, m);
        Transpose(a, aT, m, k);
        for (int row = 0; row < n; row++)
        {
            SumScaledRows(b, row, aT, sums, m);
            for (int r = 0; r < m; r++) c[r * n + row] = sums[r];
        }
    }

    /// <summary>
    /// values[e] = Σ_r A[r, row(e)] · B[r, column(e)] for every stored entry e of <paramref name="pattern"/>: the weight
    /// gradient dYᵀ·X of a sparse layer, computed only where the layer has weights.
    /// </summary>
    /// <param name="a">m rows of n values (dY).</param>
    /// <param name="b">m rows of k values (X).</param>
    /// <param name="pattern">The sparse structure, n rows of k columns.</param>
    /// <param name="values">Output, one value per stored entry (overwritten).</param>
    /// <param name="m">Rows of A and B.</param>
    /// <param name="scratch">At least <see cref="BackwardScratchLength"/> floats.</param>
    public static void MultiplyAtPattern(ReadOnlySpan<float> a, ReadOnlySpan<float> b, CsrMatrix pattern, Span<float> values, int m, Span<float> scratch)
    {
        int n = pattern.Rows, k = pattern.Columns;
        CheckLength(a, m * n, nameof(a));
        CheckLength(b, m * k, nameof(b));
        CheckLength(values, pattern.NonZeroCount, nameof(values));
        CheckLength(scratch, BackwardScratchLength(m, n, k), nameof(scratch));
        Span<float> aT = scratch.Slice(0, m * n), bT = scratch.Slice(m * n, m * k);
        Transpose(a, aT, m, n);
        Transpose(b, bT, m, k);
        ReadOnlySpan<int> starts = pattern.RowStarts, columns = pattern.ColumnIndices;
        for (int row = 0; row < n; row++)
        {
            ReadOnlySpan<float> left = aT.Slice(row * m, m);
            for (int e = starts[row]; e < starts[row + 1]; e++) values[e] = TensorPrimitives.Dot(left, bT.Slice(columns[e] * m, m));
        }
    }

    /// <summary>C[m×k] = A[m×n] · B with B sparse [n×k]: the input gradient dY·W of a sparse layer.</summary>
    /// <param name="a">m rows of n values (dY).</param>
    /// <param name="b">The sparse matrix, n rows of k columns.</param>
    /// <param name="c">Output, m rows of k values (overwritten).</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="scratch">At least <see cref="BackwardScratchLength"/> floats.</param>
    public static void Multiply(ReadOnlySpan<float> a, CsrMatrix b, Span<float> c, int m, Span<float> scratch)
    {
        int n = b.Rows, k = b.Columns;
        CheckLength(a, m * n, nameof(a));
        CheckLength(c, m * k, nameof(c));
        CheckLength(scratch, BackwardScratchLength(m, n, k), nameof(scratch));
        Span<float> aT = scratch.Slice(0, m * n), cT = scratch.Slice(m * n, m * k);
        Transpose(a, aT, m, n);
        cT.Clear();
        ReadOnlySpan<int> starts = b.RowStarts, columns = b.ColumnIndices;
        float[] weights = b.Values;
        for (int row = 0; row < n; row++)
        {
            ReadOnlySpan<float> source = aT.Slice(row * m, m);
            for (int e = starts[row]; e < starts[row + 1]; e++) AddScaled(cT.Slice(columns[e] * m, m), source, weights[e]);
        }
        Transpose(cT, c, k, m);
    }

    /// <summary>One row: c[o] = Σ_e B[o, column(e)]·x[column(e)], four output rows at a time so their sums proceed in parallel.</summary>
    private static void RowTimesTransposed(ReadOnlySpan<float> x, CsrMatrix b, Span<float> c)
    {
        ReadOnlySpan<int> starts = b.RowStarts, columns = b.ColumnIndices;
        ReadOnlySpan<float> weights = b.Values;
        int n = b.Rows, row = 0;
        for (; row + 4 <= n; row += 4)
        {
            int s0 = starts[row], s1 = starts[row + 1], s2 = starts[row + 2], s3 = starts[row + 3];
            int shared = Math.Min(Math.Min(s1 - s0, s2 - s1), Math.Min(s3 - s2, starts[row + 4] - s3));
            float sum0 = 0f, sum1 = 0f, sum2 = 0f, sum3 = 0f;
            for (int t = 0; t < shared; t++)
            {
                sum0 += weights[s0 + t] * x[columns[s0 + t]];
                sum1 += weights[s1 + t] * x[columns[s1 + t]];
                sum2 += weights[s2 + t] * x[columns[s2 + t]];
                sum3 += weights[s3 + t] * x[columns[s3 + t]];
            }
            c[row] = Finish(sum0, s0 + shared, s1, weights, columns, x);
            c[row + 1] = Finish(sum1, s1 + shared, s2, weights, columns, x);
            c[row + 2] = Finish(sum2, s2 + shared, s3, weights, columns, x);
            c[row + 3] = Finish(sum3, s3 + shared, starts[row + 4], weights, columns, x);
        }
        for (; row < n; row++) c[row] = Finish(0f, starts[row], starts[row + 1], weights, columns, x);
    }

    private static float Finish(float sum, int from, int to, ReadOnlySpan<float> weights, ReadOnlySpan<int> columns, ReadOnlySpan<float> x)
    {
        for (int e = from; e < to; e++) sum += weights[e] * x[columns[e]];
        return sum;
    }

    /// <summary>sums[r] = Σ_e B[row, column(e)]·aT[column(e), r] for r &lt; m, with four vectors of sums held in registers across the entries.</summary>
    private static void SumScaledRows(CsrMatrix b, int row, ReadOnlySpan<float> aT, Span<float> sums, int m)
    {
        int from = b.RowStarts[row], to = b.RowStarts[row + 1];
        ReadOnlySpan<int> columns = b.ColumnIndices;
        float[] weights = b.Values;
        int width = Vector<float>.Count, r = 0;
        ref float source = ref MemoryMarshal.GetReference(aT);
        if (Vector.IsHardwareAccelerated)
        {
            for (; r + 4 * width <= m; r += 4 * width)
            {
                Vector<float> v0 = Vector<float>.Zero, v1 = v0, v2 = v0, v3 = v0;
                for (int e = from; e < to; e++)
                {
                    var w = new Vector<float>(weights[e]);
                    ref float x = ref Unsafe.Add(ref source, columns[e] * m + r);
                    v0 += w * Vector.LoadUnsafe(ref x);
                    v1 += w * Vector.LoadUnsafe(ref x, (nuint)width);
                    v2 += w * Vector.LoadUnsafe(ref x, (nuint)(2 * width));
                    v3 += w * Vector.LoadUnsafe(ref x, (nuint)(3 * width));
                }
                v0.CopyTo(sums.Slice(r));
                v1.CopyTo(sums.Slice(r + width));
                v2.CopyTo(sums.Slice(r + 2 * width));
                v3.CopyTo(sums.Slice(r + 3 * width));
            }
            for (; r + width <= m; r += width)
            {
                Vector<float> v = Vector<float>.Zero;
                for (int e = from; e < to; e++) v += new Vector<float>(weights[e]) * Vector.LoadUnsafe(ref Unsafe.Add(ref source, columns[e] * m + r));
                v.CopyTo(sums.Slice(r));
            }
        }
        for (; r < m; r++)
        {
            float sum = 0f;
            for (int e = from; e < to; e++) sum += weights[e] * aT[columns[e] * m + r];
            sums[r] = sum;
        }
    }

    /// <summary>target[i] += scale · source[i] (separate multiply and add).</summary>
    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(scale);
            for (; i + Vector<float>.Count <= target.Length; i += Vector<float>.Count)
                (new Vector<float>(target.Slice(i)) + s * new Vector<float>(source.Slice(i))).CopyTo(target.Slice(i));
        }
        for (; i < target.Length; i++) target[i] += scale * source[i];
    }

    /// <summary>destination[c × rows + r] = source[r × columns + c].</summary>
    private static void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> sourceRow = source.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++) destination[c * rows + r] = sourceRow[c];
        }
    }

    private static void CheckLength(ReadOnlySpan<float> span, int needed, string name)
    {
        if (span.Length < needed) throw new ArgumentException($"{name} holds {span.Length} values; {needed} are needed.", name);
    }
}
