using System.Numerics.Tensors;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Threading;

namespace MlNetNeural.Core.Training;

/// <summary>
/// The end of a training step with a built-in optimizer: the gradient adjustments (L2 penalty, proximal term, pruning mask,
/// clipping), the optimizer's update and the re-zeroing of pruned weights, fused into passes over fixed ranges of the
/// parameters that the compute team's threads share; without clipping, a proximal term or a mask, the optimizer adds the
/// L2 penalty to each gradient value as it reads it (no pass of its own). Each range is adjusted and updated while it sits in the first-level
/// cache; with clipping, a first pass adjusts the gradients and sums their squares per range (the norm is the sum of the
/// ranges' sums in order), a second scales and updates. Every element gets the operations of the separate passes
/// (<see cref="GradientAdjustments"/>, <see cref="PruningMasks"/>, <see cref="IOptimizer.Step"/>) in their order, and the
/// ranges depend only on the parameter sizes, so the result is the same for any number of threads.
/// </summary>
internal sealed class ParameterUpdate
{
    /// <summary>Values per range: a parameter's values, gradients and two optimizer states for it fit in 64 KB.</summary>
    private const int RangeValues = 4096;

    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly IRangeOptimizer _optimizer;
    private readonly float _l2Penalty;
    private readonly ProximalAnchor? _proximal;
    private readonly float[]?[] _masks;
    private readonly float? _clipNorm;
    private readonly int _threads;
    private readonly (int Parameter, int Start, int Length)[] _ranges;
    private readonly double[] _sumsOfSquares;

    private ParameterUpdate(IReadOnlyList<Parameter> parameters, IRangeOptimizer optimizer, float l2Penalty, ProximalAnchor? proximal,
        PruningMasks? pruning, float? clipNorm, int threads)
    {
        _parameters = parameters;
        _optimizer = optimizer;
        _l2Penalty = l2Penalty;
        _proximal = proximal;
        _masks = parameters.Select(p => pruning?.MaskOf(p)).ToArray();
        _clipNorm = clipNorm;
        _threads = threads;
        _ranges = parameters.SelectMany((p, index) => Enumerable.Range(0, (p.Values.Length + RangeValues - 1) / RangeValues)
            .Select(range => (index, range * RangeValues, Math.Min(RangeValues, p.Values.Length - range * RangeValues)))).ToArray();
        _sumsOfSquares = new double[_ranges.Length];
    }

    /// <summary>The fused update for <paramref name="optimizer"/>, or null when it is not element-wise (then the step runs the separate passes).</summary>
    public static ParameterUpdate? For(IReadOnlyList<Parameter> parameters, IOptimizer optimizer, float l2Penalty, ProximalAnchor? proximal,
        PruningMasks? pruning, float? clipNorm, int threads) =>
        optimizer is IRangeOptimizer elementwise ? new(parameters, elementwise, l2Penalty, proximal, pruning, clipNorm, threads) : null;

    /// <summary>Adjusts the gradients, updates the parameters at <paramref name="learningRate"/> and re-zeroes pruned weights.</summary>
    public void Apply(float learningRate)
    {
        _optimizer.BeginStep(_parameters, learningRate);
        var update = new UpdateWork(this, adjust: _clipNorm is null, scale: 1f);
        if (_clipNorm is float clip)
        {
            var adjust = new AdjustWork(this);
            ComputeTeam.Run(ref adjust, _ranges.Length, _threads);
            double sumOfSquares = 0;
            foreach (double sum in _sumsOfSquares) sumOfSquares += sum;
            double norm = Math.Sqrt(sumOfSquares);
            if (norm > clip) update = new UpdateWork(this, adjust: false, scale: (float)(clip / norm));
        }
        ComputeTeam.Run(ref update, _ranges.Length, _threads);
    }

    /// <summary>L2 penalty, proximal term and mask on one range's gradients, in place, in that order.</summary>
    private void Adjust(int parameter, int start, int length)
    {
        var p = _parameters[parameter];
        Span<float> g = p.Gradient.AsSpan(start, length);
        ReadOnlySpan<float> w = p.Values.AsSpan(start, length);
        if (PenaltyOf(parameter) is var lambda and not 0f) GradientAdjustments.AddL2Penalty(w, g, lambda);
        if (_proximal is not null) GradientAdjustments.AddProximalTerm(w, _proximal.Reference[parameter].AsSpan(start, length), g, _proximal.Strength);
        if (_masks[parameter] is { } mask) PruningMasks.MaskGradient(g, mask.AsSpan(start, length));
    }

    /// <summary>The L2 penalty's λ for a parameter: weight matrices only.</summary>
    private float PenaltyOf(int parameter) => _parameters[parameter].IsWeightMatrix ? _l2Penalty : 0f;

    /// <summary>Whether the L2 penalty is a parameter's only adjustment, which the optimizer then takes in on its way through the range.</summary>
    private bool PenaltyIsTheOnlyAdjustment(int parameter) => _proximal is null && _masks[parameter] is null;

    private void Update(int range, bool adjust, float scale)
    {
        var (parameter, start, length) = _ranges[range];
        float fusedPenalty = 0f;
        if (adjust && PenaltyIsTheOnlyAdjustment(parameter)) fusedPenalty = PenaltyOf(parameter);
        else if (adjust) Adjust(parameter, start, length);
        if (scale != 1f)
        {
            Span<float> g = _parameters[parameter].Gradient.AsSpan(start, length);
            TensorPrimitives.Multiply(g, scale, g);
        }
        _optimizer.UpdateRange(parameter, start, length, fusedPenalty);
        if (_masks[parameter] is { } mask) PruningMasks.ZeroPruned(_parameters[parameter].Values.AsSpan(start, length), mask.AsSpan(start, length));
    }

    /// <summary>Range i: adjusted gradients and the sum of their squares (the clipping norm's share).</summary>
    private readonly struct AdjustWork(ParameterUpdate owner) : IChunkedWork
    {
        public void Run(int chunk)
        {
            var (parameter, start, length) = owner._ranges[chunk];
            owner.Adjust(parameter, start, length);
            owner._sumsOfSquares[chunk] = GradientAdjustments.SumOfSquares(owner._parameters[parameter].Gradient.AsSpan(start, length));
        }
    }

    /// <summary>Range i: (adjust,) scale, optimizer update, re-zero pruned weights.</summary>
    private readonly struct UpdateWork(ParameterUpdate owner, bool adjust, float scale) : IChunkedWork
    {
        public void Run(int chunk) => owner.Update(chunk, adjust, scale);
    }
}
