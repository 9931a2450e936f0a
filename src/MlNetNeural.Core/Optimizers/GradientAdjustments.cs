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
            if (!parameter.IsWeightMatrix) continue;
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(parameter.Values, lambda, parameter.Gradient, parameter.Gradient);
        }
    }

    /// <summary>
    /// Adds the gradient of the proximal term (μ/2)·‖w − w₀‖² over every parameter — that is μ·(w − w₀) — which keeps
    /// training near the reference weights w₀ (FedProx, Li et al. 2020, "Federated Optimization in Heterogeneous Networks").
    /// </summary>
    /// <param name="parameters">The network's parameters.</param>
    /// <param name="anchor">The reference weights, one array per parameter in the same order, and μ.</param>
    public static void AddProximalTerm(IReadOnlyList<Parameter> parameters, ProximalAnchor anchor)
    {
        for (int p = 0; p < parameters.Count; p++)
        {
            var parameter = parameters[p];
            float[] reference = anchor.Reference[p];
            for (int i = 0; i < reference.Length; i++)
                parameter.Gradient[i] += anchor.Strength * (parameter.Values[i] - reference[i]);
        }
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
        foreach (var parameter in parameters)
        {
            foreach (float g in parameter.Gradient) sumOfSquares += (double)g * g;
        }
        double norm = Math.Sqrt(sumOfSquares);
        if (norm > maxNorm)
        {
            float scale = (float)(maxNorm / norm);
            foreach (var parameter in parameters) System.Numerics.Tensors.TensorPrimitives.Multiply(parameter.Gradient, scale, parameter.Gradient);
        }
        return norm;
    }
}
