using System.Numerics.Tensors;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Optimizers;

/// <summary>Changes made to gradients between the backward pass and the optimizer step.</summary>
public static class GradientAdjustments
{
    /// <summary>Adds the gradient of the L2 penalty (λ/2)·‖W‖² — that is λ·W — to every weight matrix (biases are left alone).</summary>
    /// <param name="parameters">The network's parameters.</param>
    /// <param name="lambda">Penalty strength λ ≥ 0.</param>
    public static void AddL2Penalty(IReadOnlyList<Parameter> parameters, float lambda)
    {
        if (lambda == 0f) return;
        foreach (var parameter in parameters)
        {
            if (parameter.IsWeightMatrix) AddL2Penalty(parameter.Values, parameter.Gradient, lambda);
        }
    }

    /// <summary>g += λ·w on one span of a weight matrix (the element-wise form every update path uses).</summary>
    internal static void AddL2Penalty(ReadOnlySpan<float> weights, Span<float> gradient, float lambda) =>
        TensorPrimitives.MultiplyAdd(weights, lambda, gradient, gradient);

    /// <summary>
    /// One gradient value with the L2 penalty taken in, g + λ·w (the product rounded, then the sum: the bits of
    /// <see cref="AddL2Penalty(ReadOnlySpan{float}, Span{float}, float)"/>), or g itself when λ is 0, for the optimizers'
    /// element-by-element loops.
    /// </summary>
    internal static float WithL2Penalty(float gradient, float weight, float lambda) => lambda == 0f ? gradient : weight * lambda + gradient;

    /// <summary>
    /// Adds the gradient of the proximal term (μ/2)·‖w − w₀‖² over every parameter — that is μ·(w − w₀) — which keeps
    /// training near the reference weights w₀ (FedProx, Li et al. 2020, "Federated Optimization in Heterogeneous Networks").
    /// </summary>
    /// <param name="parameters">The network's parameters.</param>
    /// <param name="anchor">The reference weights, one array per parameter in the same order, and μ.</param>
    public static void AddProximalTerm(IReadOnlyList<Parameter> parameters, ProximalAnchor anchor)
    {
        for (int p = 0; p < parameters.Count; p++)
            AddProximalTerm(parameters[p].Values, anchor.Reference[p], parameters[p].Gradient, anchor.Strength);
    }

    /// <summary>g += μ·(w − w₀) on one span of a parameter (the element-wise form every update path uses).</summary>
    internal static void AddProximalTerm(ReadOnlySpan<float> weights, ReadOnlySpan<float> reference, Span<float> gradient, float strength)
    {
        for (int i = 0; i < gradient.Length; i++) gradient[i] += strength * (weights[i] - reference[i]);
    }

    /// <summary>
    /// Rescales all gradients together so their joint L2 norm is at most <paramref name="maxNorm"/>
    /// (Pascanu et al. 2013). Returns the norm before clipping.
    /// </summary>
    /// <param name="parameters">The network's parameters.</param>
    /// <param name="maxNorm">Largest allowed global norm, above 0.</param>
    public static double ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        double sumOfSquares = 0;
        foreach (var parameter in parameters) sumOfSquares += SumOfSquares(parameter.Gradient);
        double norm = Math.Sqrt(sumOfSquares);
        if (norm > maxNorm)
        {
            float scale = (float)(maxNorm / norm);
            foreach (var parameter in parameters) TensorPrimitives.Multiply(parameter.Gradient, scale, parameter.Gradient);
        }
        return norm;
    }

    /// <summary>The sum of the squares of <paramref name="gradient"/> in double precision, in order (a share of the clipping norm).</summary>
    internal static double SumOfSquares(ReadOnlySpan<float> gradient)
    {
        double sum = 0;
        foreach (float g in gradient) sum += (double)g * g;
        return sum;
    }
}
