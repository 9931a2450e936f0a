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
}
