using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Initialization;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// The shape of a network: the input width and a list of layer descriptions, input side first. The last
/// layer produces the raw outputs (logits for classification). <see cref="Build"/> makes the network with
/// seeded initial weights.
/// </summary>
public sealed class NetworkArchitecture
{
    /// <summary>A network of the given layers.</summary>
    /// <param name="inputSize">Features per row.</param>
    /// <param name="layers">The layers, input side first; at least one.</param>
    public NetworkArchitecture(int inputSize, IReadOnlyList<LayerSpec> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "A network needs at least one input feature.");
        if (layers.Count == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        InputSize = inputSize;
        Layers = layers.ToArray();
    }

    /// <summary>
    /// A multilayer perceptron: input → [dense(hidden) → activation → dropout]* → dense(output), with He or
    /// Glorot initialisation for the hidden layers (see <see cref="DenseSpec"/>) and Glorot uniform for the output layer.
    /// </summary>
    /// <param name="inputSize">Features per row.</param>
    /// <param name="hiddenLayers">Units in each hidden layer, input side first (may be empty: a linear model).</param>
    /// <param name="hiddenActivation">Activation of every hidden layer.</param>
    /// <param name="dropoutRate">Dropout after each hidden layer, in [0, 1); 0 adds no dropout layers.</param>
    /// <param name="outputSize">Outputs per row (1 for binary classification and single-target regression, the class count for multiclass).</param>
    /// <param name="initialization">Initialisation of the hidden layers; null picks by activation.</param>
    public NetworkArchitecture(int inputSize, IReadOnlyList<int> hiddenLayers, Activation hiddenActivation, float dropoutRate, int outputSize,
        WeightInitialization? initialization = null)
        : this(inputSize, MultilayerPerceptron(hiddenLayers, hiddenActivation, dropoutRate, outputSize, initialization))
    {
    }

    /// <summary>Features per row.</summary>
    public int InputSize { get; }

    /// <summary>The layer descriptions, input side first.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Builds the network with initial weights drawn from <paramref name="random"/>, layer by layer.</summary>
    /// <param name="random">The generator for the initial weights.</param>
    public Network Build(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var layers = new List<Layer>(Layers.Count);
        int width = InputSize;
        for (int i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i].Build(width, i, random);
            layers.Add(layer);
            width = layer.OutputSize;
        }
        return new Network(layers);
    }

    /// <summary>The layer descriptions of <see cref="NetworkArchitecture(int, IReadOnlyList{int}, Activation, float, int, WeightInitialization?)"/>.</summary>
    private static LayerSpec[] MultilayerPerceptron(IReadOnlyList<int> hiddenLayers, Activation activation, float dropoutRate, int outputSize, WeightInitialization? initialization)
    {
        ArgumentNullException.ThrowIfNull(hiddenLayers);
        if (outputSize < 1) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "A network needs at least one output.");
        if (!(dropoutRate >= 0f && dropoutRate < 1f))
            throw new ArgumentOutOfRangeException(nameof(dropoutRate), dropoutRate, "The dropout rate must be in [0, 1): it is the probability of zeroing a unit.");
        var layers = new List<LayerSpec>();
        for (int i = 0; i < hiddenLayers.Count; i++)
        {
            if (hiddenLayers[i] < 1)
                throw new ArgumentOutOfRangeException(nameof(hiddenLayers), hiddenLayers[i], $"Hidden layer {i} has {hiddenLayers[i]} units; every hidden layer needs at least one.");
            layers.Add(new DenseSpec(hiddenLayers[i], activation, initialization, $"hidden{i + 1}"));
            if (dropoutRate > 0f) layers.Add(new DropoutSpec(dropoutRate));
        }
        layers.Add(new DenseSpec(outputSize, Activation.Identity, WeightInitialization.GlorotUniform, "output"));
        return layers.ToArray();
    }
}
