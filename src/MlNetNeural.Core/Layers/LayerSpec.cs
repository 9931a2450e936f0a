using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// The description of one layer in a <see cref="NetworkArchitecture"/>: what to build once the width of
/// its input is known. Each layer kind has its spec next to it (<see cref="DenseSpec"/>, <see cref="DropoutSpec"/>,
/// <see cref="FeatureScalingSpec"/>).
/// </summary>
public abstract record LayerSpec
{
    /// <summary>Builds the layer for rows of <paramref name="inputSize"/> values, drawing any initial weights from <paramref name="random"/>.</summary>
    /// <param name="inputSize">Values per input row (the previous layer's output size, or the feature count).</param>
    /// <param name="index">Position of the layer in the network, for names and messages.</param>
    /// <param name="random">The generator for initial weights (advanced only by layers that draw weights).</param>
    public abstract Layer Build(int inputSize, int index, DeterministicRandom random);

    /// <summary>
    /// The size of the layer this spec builds for rows of <paramref name="inputSize"/> values, worked out without building
    /// it, so that a network too large to train can be refused before anything is allocated. The built-in specs compute
    /// it; the default builds the layer to measure it.
    /// </summary>
    /// <param name="inputSize">Values per input row.</param>
    public virtual LayerSize SizeFor(int inputSize)
    {
        var layer = Build(inputSize, 0, new DeterministicRandom(0));
        return new LayerSize(layer.OutputSize, layer.Parameters.Sum(p => (long)p.Values.Length));
    }
}

/// <summary>How large a layer is: what memory for its parameters and per-row buffers depends on.</summary>
/// <param name="OutputSize">Values per output row.</param>
/// <param name="Parameters">Trainable values.</param>
public readonly record struct LayerSize(int OutputSize, long Parameters);
