using MlNetNeural.Core.Activations;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// A layer that computes y = f(x·Wᵀ + b) with some storage of W: <see cref="DenseLayer"/> (every weight),
/// <see cref="SparseDenseLayer"/> (only the weights that are not pruned) and <see cref="LoraDenseLayer"/> (a frozen W plus a
/// trained low-rank update). Exporters, model summaries and structured pruning treat them alike through
/// <see cref="ToDense"/>.
/// </summary>
public interface IFullyConnectedLayer
{
    /// <summary>Values per input row.</summary>
    int InputSize { get; }

    /// <summary>Units (values per output row).</summary>
    int OutputSize { get; }

    /// <summary>The non-linearity after the affine map.</summary>
    Activation Activation { get; }

    /// <summary>Weights that are not zero (for a sparse layer: the weights it stores).</summary>
    long NonZeroWeightCount { get; }

    /// <summary>A plain dense layer that computes the same function (weights copied, expanded or merged).</summary>
    DenseLayer ToDense();
}
