using System.Numerics;
using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// The per-feature loops of <see cref="PeriodicEmbeddingLayer"/>, over the k periodic features of one row and one embedded
/// feature at a time: k is small (16 by default), so these loops keep their running values in registers instead of paying a
/// library call per span of k. Each sum is taken in one fixed order for a given k (vectors of <see cref="Vector{T}"/>, 8
/// floats on AVX2 and AVX-512 machines alike, lane sums, then the scalar tail), so the results do not depend on the batch,
/// the rows' order in it or the thread count.
/// </summary>
internal static class PeriodicEmbeddingKernels
{
    /// <summary>angles = omega · x + phases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Angles(ReadOnlySpan<float> omega, float x, ReadOnlySpan<float> phases, Span<float> angles)
    {
        int i = 0, k = angles.Length;
        var value = new Vector<float>(x);
        for (; i <= k - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(omega.Slice(i)) * value + new Vector<float>(phases.Slice(i))).CopyTo(angles.Slice(i));
        for (; i < k; i++) angles[i] = omega[i] * x + phases[i];
    }

    /// <summary>
    /// One row's linear map of one embedded feature: outputs[o] = bias[o] + Σ_i weights[o, i]·cosines[i], each sum in the
    /// fixed order described on the class.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LinearMap(ReadOnlySpan<float> weights, ReadOnlySpan<float> cosines, ReadOnlySpan<float> bias, Span<float> outputs)
    {
        int k = cosines.Length;
        for (int o = 0; o < outputs.Length; o++)
        {
            var w = weights.Slice(o * k, k);
            int i = 0;
            var sum = Vector<float>.Zero;
            for (; i <= k - Vector<float>.Count; i += Vector<float>.Count) sum += new Vector<float>(w.Slice(i)) * new Vector<float>(cosines.Slice(i));
            float total = Vector.Sum(sum);
            for (; i < k; i++) total += w[i] * cosines[i];
            outputs[o] = bias[o] + total;
        }
    }

    /// <summary>
    /// One row's backward pass through one embedded feature's periodic features and linear map (d outputs):
    /// weightGradient[o, ·] += g[o]·cos; dLoss/dangle = −sin · Σ_o g[o]·weights[o, ·]; phaseGradient += dLoss/dangle;
    /// frequencyGradient += dLoss/dangle · 2π·x. Returns Σ dLoss/dangle · omega, the gradient with respect to x.
    /// Each gradient element adds this row's term to the sum of the rows before it, so the batch sums in row order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Backward(ReadOnlySpan<float> g, ReadOnlySpan<float> cosines, ReadOnlySpan<float> sines, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> omega, float twoPiX, Span<float> weightGradient, Span<float> phaseGradient, Span<float> frequencyGradient)
    {
        int k = cosines.Length, d = g.Length, i = 0;
        var inputGradient = Vector<float>.Zero;
        var scale = new Vector<float>(twoPiX);
        for (; i <= k - Vector<float>.Count; i += Vector<float>.Count)
        {
            var cos = new Vector<float>(cosines.Slice(i));
            var cosineGradient = Vector<float>.Zero;
            for (int o = 0; o < d; o++)
            {
                var go = new Vector<float>(g[o]);
                var dw = weightGradient.Slice(o * k + i);
                (cos * go + new Vector<float>(dw)).CopyTo(dw);
                cosineGradient = new Vector<float>(weights.Slice(o * k + i)) * go + cosineGradient;
            }
            var angleGradient = -(cosineGradient * new Vector<float>(sines.Slice(i)));
            (new Vector<float>(phaseGradient.Slice(i)) + angleGradient).CopyTo(phaseGradient.Slice(i));
            (angleGradient * scale + new Vector<float>(frequencyGradient.Slice(i))).CopyTo(frequencyGradient.Slice(i));
            inputGradient += angleGradient * new Vector<float>(omega.Slice(i));
        }
        float total = Vector.Sum(inputGradient);
        for (; i < k; i++)
        {
            float cosineGradient = 0f;
            for (int o = 0; o < d; o++)
            {
                weightGradient[o * k + i] = cosines[i] * g[o] + weightGradient[o * k + i];
                cosineGradient = weights[o * k + i] * g[o] + cosineGradient;
            }
            float angleGradient = -(cosineGradient * sines[i]);
            phaseGradient[i] += angleGradient;
            frequencyGradient[i] = angleGradient * twoPiX + frequencyGradient[i];
            total += angleGradient * omega[i];
        }
        return total;
    }
}
