using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, in the form PyTorch uses:
/// v ← μ·v + g; the step is v, or g + μ·v with Nesterov momentum (Sutskever et al. 2013); w ← w − η·step.
/// </summary>
public sealed class SgdOptimizer : IRangeOptimizer
{
    private float[][]? _velocity;
    private IReadOnlyList<Parameter> _parameters = [];
    private float _learningRate;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="momentum">μ in [0, 1); 0 gives plain SGD.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum above 0).</param>
    public SgdOptimizer(float momentum, bool nesterov = false)
    {
        if (!(momentum >= 0f && momentum < 1f)) throw SettingOutOfRange.Create(nameof(OptimizerSettings.Momentum), momentum, "must be in [0, 1)");
        if (nesterov && momentum == 0f) throw new ArgumentException("Nesterov momentum needs a Momentum above 0.", nameof(OptimizerSettings.Nesterov));
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>The momentum factor μ.</summary>
    public float Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    public string? DescribeNonFiniteState(IReadOnlyList<Parameter> parameters) =>
        OptimizerState.DescribeNonFinite(_velocity, parameters, "the momentum (velocity)");

    /// <inheritdoc />
    public void Step(IReadOnlyList<Parameter> parameters, float learningRate)
    {
        BeginStep(parameters, learningRate);
        for (int p = 0; p < parameters.Count; p++) UpdateRange(p, 0, parameters[p].Values.Length, 0f);
    }

    /// <inheritdoc />
    void IRangeOptimizer.BeginStep(IReadOnlyList<Parameter> parameters, float learningRate) => BeginStep(parameters, learningRate);

    /// <inheritdoc />
    void IRangeOptimizer.UpdateRange(int parameter, int start, int length, float l2Penalty) => UpdateRange(parameter, start, length, l2Penalty);

    private void BeginStep(IReadOnlyList<Parameter> parameters, float learningRate)
    {
        _velocity ??= OptimizerState.ZerosLike(parameters);
        _parameters = parameters;
        _learningRate = learningRate;
    }

    private void UpdateRange(int p, int start, int length, float l2Penalty)
    {
        Span<float> w = _parameters[p].Values.AsSpan(start, length), v = _velocity![p].AsSpan(start, length);
        ReadOnlySpan<float> g = _parameters[p].Gradient.AsSpan(start, length);
        float rate = _learningRate * _parameters[p].LearningRateFactor;
        for (int i = 0; i < w.Length; i++)
        {
            float gi = GradientAdjustments.WithL2Penalty(g[i], w[i], l2Penalty);
            v[i] = Momentum * v[i] + gi;
            float step = Nesterov ? gi + Momentum * v[i] : v[i];
            w[i] -= rate * step;
        }
    }
}
