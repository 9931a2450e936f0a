using System.Globalization;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Optimizers;

namespace MlNetNeural.Core.Training;

/// <summary>
/// Decides that training has diverged, and says why: a NaN or infinite loss (checked every mini-batch); and after each
/// epoch, weights or optimizer state that are no longer finite (Adam's second moment at infinity freezes its weights for
/// good, while the loss may stay finite), or a training loss more than <see cref="ExplosionFactor"/> times the loss the
/// untrained network had on its first mini-batch (a learning rate far too large makes the loss climb by orders of
/// magnitude without ever becoming infinite).
/// </summary>
internal sealed class DivergenceMonitor
{
    /// <summary>
    /// How many times the starting loss an epoch's mean training loss may reach. Gradient descent that works lowers the
    /// loss; noise and a poor rate make it wander within a small factor; four orders of magnitude only come from steps
    /// that overshoot more with every update.
    /// </summary>
    public const double ExplosionFactor = 1e4;

    private double _startingLoss;

    /// <summary>The loss of the untrained network on its first mini-batch (the first positive one), or NaN before it.</summary>
    public double StartingLoss => _startingLoss > 0 ? _startingLoss : double.NaN;

    /// <summary>The reason a mini-batch's loss means divergence, or null; the first positive loss becomes the starting loss.</summary>
    public string? CheckStep(double batchLoss)
    {
        if (!double.IsFinite(batchLoss)) return "the training loss became NaN or infinite";
        if (_startingLoss == 0 && batchLoss > 0) _startingLoss = batchLoss;
        return null;
    }

    /// <summary>The reason the state after an epoch means divergence, or null.</summary>
    public string? CheckEpoch(double trainLoss, IReadOnlyList<Parameter> parameters, IOptimizer optimizer)
    {
        if (!double.IsFinite(trainLoss)) return "the training loss became NaN or infinite";
        foreach (var parameter in parameters)
        {
            int index = parameter.Values.AsSpan().IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
            if (index >= 0) return $"{parameter.Name}[{index}] became {parameter.Values[index]}";
        }
        if (optimizer.DescribeNonFiniteState(parameters) is { } overflow) return overflow;
        if (_startingLoss > 0 && trainLoss > ExplosionFactor * _startingLoss)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the training loss grew to {trainLoss:G3}, more than {ExplosionFactor:G0} times its value at the start ({_startingLoss:G3})");
        }
        return null;
    }
}
