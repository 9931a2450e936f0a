using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Initialization;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// The shape of a multilayer perceptron: input → [dense(hidden) → activation → dropout]* → dense(output).
/// </summary>
/// <param name="InputSize">Features per row.</param>
/// <param name="HiddenLayers">Units in each hidden layer, input side first (may be empty: a linear model).</param>
/// <param name="HiddenActivation">Activation of every hidden layer.</param>
/// <param name="DropoutRate">Dropout after each hidden layer, in [0, 1); 0 adds no dropout layers.</param>
/// <param name="OutputSize">Outputs per row (1 for binary classification and single-target regression, the class count for multiclass).</param>
/// <param name="Initialization">Weight initialisation for hidden layers; null picks He for ReLU-family and GELU, Glorot otherwise. The output layer always uses Glorot uniform.</param>
public sealed record NetworkArchitecture(
    int InputSize,
    IReadOnlyList<int> HiddenLayers,
    Activation HiddenActivation,
    float DropoutRate,
    int OutputSize,
    WeightInitialization? Initialization = null)
{
    /// <summary>Builds a network of this shape with weights drawn from <paramref name="random"/>.</summary>
    /// <param name="random">The generator for the initial weights.</param>
    public Network Build(DeterministicRandom random)
    {
        if (InputSize < 1) throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, "A network needs at least one input feature.");
        if (OutputSize < 1) throw new ArgumentOutOfRangeException(nameof(OutputSize), OutputSize, "A network needs at least one output.");
        var hiddenScheme = Initialization ?? DefaultInitialization(HiddenActivation.Kind);
        var layers = new List<Layer>();
        int width = InputSize;
        for (int i = 0; i < HiddenLayers.Count; i++)
        {
            int units = HiddenLayers[i];
            if (units < 1)
                throw new ArgumentOutOfRangeException(nameof(HiddenLayers), units, $"Hidden layer {i} has {units} units; every hidden layer needs at least one.");
            var dense = new DenseLayer(width, units, HiddenActivation, $"hidden{i + 1}");
            WeightInitializer.Initialize(dense, hiddenScheme, random);
            layers.Add(dense);
            if (DropoutRate > 0f) layers.Add(new DropoutLayer(units, DropoutRate));
            width = units;
        }
        var output = new DenseLayer(width, OutputSize, Activation.Identity, "output");
        WeightInitializer.Initialize(output, WeightInitialization.GlorotUniform, random);
        layers.Add(output);
        return new Network(layers);
    }

    private static WeightInitialization DefaultInitialization(ActivationKind kind) =>
        kind is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.Gelu
            ? WeightInitialization.HeNormal
            : WeightInitialization.GlorotUniform;
}
