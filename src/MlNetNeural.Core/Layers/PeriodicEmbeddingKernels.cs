using System.Numerics;
using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// The loops of <see cref="PeriodicEmbeddingLayer"/> over a batch: each walks every row and embedded feature (the backward
/// pass every row of one feature) in one call, through pointers, and handles the k periodic features of one row and feature
/// at a time: k is small (16 by default), so the running values stay in registers instead of paying a library call, or a
/// call and span slices, per span of k. Each sum is taken in one fixed order for a given k (vectors of
/// <see cref="Vector{T}"/>, 8 floats on AVX2 and AVX-512 machines alike, lane sums, then the scalar tail), so the results
/// do not depend on the batch, the rows' order in it or the thread count. The callers check that the buffers hold the batch.
/// </summary>
internal static class PeriodicEmbeddingKernels
{
    /// <summary>
    /// Every row's angles: angles[row, s, i] = omega[s, i] · x[row, embedded[s]] + phases[s, i], vectors of
    /// <see cref="Vector{T}"/> then the scalar tail, unfused. One call for the whole batch, the pointers advanced in place.
    /// </summary>
    /// <param name="omega">Angular frequencies 2π·w, [embedded feature, k].</param>
    /// <param name="phases">[embedded feature, k].</param>
    /// <param name="input">The batch's rows of <paramref name="inputs"/> features.</param>
    /// <param name="inputs">Features per input row.</param>
    /// <param name="embedded">The embedded features' indices in a row.</param>
    /// <param name="angles">[row, embedded feature, k], written.</param>
    /// <param name="rows">Rows in the batch.</param>
    /// <param name="k">Periodic features per embedded feature.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Angles(float* omega, float* phases, float* input, int inputs, ReadOnlySpan<int> embedded, float* angles, int rows, int k)
    {
        int m = embedded.Length, vectorEnd = k / Vector<float>.Count * Vector<float>.Count;
        for (int row = 0; row < rows; row++)
        {
            float* x = input + (nint)row * inputs;
            for (int s = 0; s < m; s++)
            {
                float* w = omega + (nint)s * k, b = phases + (nint)s * k, a = angles + ((nint)row * m + s) * k;
                float value = x[embedded[s]];
                var broadcast = new Vector<float>(value);
                int i = 0;
                for (; i < vectorEnd; i += Vector<float>.Count) (Vector.Load(w + i) * broadcast + Vector.Load(b + i)).Store(a + i);
                for (; i < k; i++) a[i] = w[i] * value + b[i];
            }
        }
    }

    /// <summary>
    /// Every row's linear maps: for each row and embedded feature s, outputs[row, s·d + o] = bias[s, o] + Σ_i weights[s, o, i]·
    /// cosines[row, s, i], each sum in the fixed order described on the class. One call for the whole batch, the pointers
    /// advanced in place: the per-row, per-feature calls and span slices this replaces cost more than the arithmetic.
    /// </summary>
    /// <param name="weights">[embedded feature, d, k].</param>
    /// <param name="bias">[embedded feature, d].</param>
    /// <param name="cosines">[row, embedded feature, k].</param>
    /// <param name="outputs">The first embedding output of row 0; row r's at <paramref name="outputs"/> + r·<paramref name="outputStride"/>.</param>
    /// <param name="rows">Rows in the batch.</param>
    /// <param name="features">Embedded features (m).</param>
    /// <param name="k">Periodic features per embedded feature.</param>
    /// <param name="d">Outputs per embedded feature.</param>
    /// <param name="outputStride">Values per output row.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void LinearMaps(float* weights, float* bias, float* cosines, float* outputs, int rows, int features, int k, int d, int outputStride)
    {
        int vectorEnd = k / Vector<float>.Count * Vector<float>.Count;
        for (int row = 0; row < rows; row++)
        {
            float* y = outputs + (nint)row * outputStride;
            float* rowCosines = cosines + (nint)row * features * k;
            for (int s = 0; s < features; s++)
            {
                float* c = rowCosines + (nint)s * k;
                for (int o = 0; o < d; o++)
                {
                    float* w = weights + ((nint)s * d + o) * k;
                    int i = 0;
                    var sum = Vector<float>.Zero;
                    for (; i < vectorEnd; i += Vector<float>.Count) sum += Vector.Load(w + i) * Vector.Load(c + i);
                    float total = Vector.Sum(sum);
                    for (; i < k; i++) total += w[i] * c[i];
                    y[s * d + o] = bias[s * d + o] + total;
                }
            }
        }
    }

    /// <summary>
    /// The backward pass of one embedded feature over every row of the batch, rows in order (d outputs, k periodic features):
    /// biasGradient[o] += g[o]; weightGradient[o, ·] += g[o]·cos; dLoss/dangle = −sin · Σ_o g[o]·weights[o, ·];
    /// phaseGradient += dLoss/dangle; frequencyGradient += dLoss/dangle · 2π·x; and, when <paramref name="inputGradient"/> is
    /// not null, the row's input gradient gets Σ dLoss/dangle · omega added. Each gradient element adds one row's term to
    /// the sum of the rows before it, so the batch sums in row order. One call per feature, the pointers advanced in place.
    /// </summary>
    /// <param name="g">dLoss/d(this feature's first output) of row 0; row r's at + r·<paramref name="gStride"/>.</param>
    /// <param name="gStride">Values per output-gradient row.</param>
    /// <param name="cosines">This feature's cosines in row 0; row r's at + r·<paramref name="angleStride"/>.</param>
    /// <param name="sines">This feature's sines, laid out as <paramref name="cosines"/>.</param>
    /// <param name="angleStride">Values per row of the angle buffers (m·k).</param>
    /// <param name="weights">This feature's linear map, [d, k].</param>
    /// <param name="omega">This feature's angular frequencies 2π·w, [k].</param>
    /// <param name="x">This feature's input in row 0; row r's at + r·<paramref name="xStride"/>.</param>
    /// <param name="xStride">Values per input row.</param>
    /// <param name="weightGradient">[d, k], added to.</param>
    /// <param name="phaseGradient">[k], added to.</param>
    /// <param name="frequencyGradient">[k], added to.</param>
    /// <param name="biasGradient">[d], added to.</param>
    /// <param name="inputGradient">This feature's input gradient in row 0, laid out as <paramref name="x"/>, added to; null for none.</param>
    /// <param name="rows">Rows in the batch.</param>
    /// <param name="k">Periodic features.</param>
    /// <param name="d">Outputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void BackwardRows(float* g, int gStride, float* cosines, float* sines, int angleStride, float* weights, float* omega,
        float* x, int xStride, float* weightGradient, float* phaseGradient, float* frequencyGradient, float* biasGradient, float* inputGradient,
        int rows, int k, int d)
    {
        const float TwoPi = 2f * MathF.PI;
        int vectorEnd = k / Vector<float>.Count * Vector<float>.Count;
        for (int row = 0; row < rows; row++)
        {
            float* gr = g + (nint)row * gStride, cos = cosines + (nint)row * angleStride, sin = sines + (nint)row * angleStride;
            for (int o = 0; o < d; o++) biasGradient[o] += gr[o];
            float twoPiX = TwoPi * x[(nint)row * xStride];
            var inputSum = Vector<float>.Zero;
            var scale = new Vector<float>(twoPiX);
            int i = 0;
            for (; i < vectorEnd; i += Vector<float>.Count)
            {
                var cosine = Vector.Load(cos + i);
                var cosineGradient = Vector<float>.Zero;
                for (int o = 0; o < d; o++)
                {
                    var go = new Vector<float>(gr[o]);
                    float* dw = weightGradient + (nint)o * k + i;
                    (cosine * go + Vector.Load(dw)).Store(dw);
                    cosineGradient = Vector.Load(weights + (nint)o * k + i) * go + cosineGradient;
                }
                var angleGradient = -(cosineGradient * Vector.Load(sin + i));
                (Vector.Load(phaseGradient + i) + angleGradient).Store(phaseGradient + i);
                (angleGradient * scale + Vector.Load(frequencyGradient + i)).Store(frequencyGradient + i);
                inputSum += angleGradient * Vector.Load(omega + i);
            }
            float total = Vector.Sum(inputSum);
            for (; i < k; i++)
            {
                float cosineGradient = 0f;
                for (int o = 0; o < d; o++)
                {
                    weightGradient[o * k + i] = cos[i] * gr[o] + weightGradient[o * k + i];
                    cosineGradient = weights[o * k + i] * gr[o] + cosineGradient;
                }
                float angleGradient = -(cosineGradient * sin[i]);
                phaseGradient[i] += angleGradient;
                frequencyGradient[i] = angleGradient * twoPiX + frequencyGradient[i];
                total += angleGradient * omega[i];
            }
            if (inputGradient != null) inputGradient[(nint)row * xStride] += total;
        }
    }
}
