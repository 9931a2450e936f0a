using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Initialization;
using MlNetNeural.Core.Kernels;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// A fully connected layer y = f(x·Wᵀ + b) with the bias and the activation f fused into the pass.
/// Weights are stored row-major as [output, input] (each output unit's weights contiguous).
/// </summary>
public sealed class DenseLayer : Layer, IFullyConnectedLayer
{
    private readonly Parameter _weights;
    private readonly Parameter _bias;

    /// <summary>Creates a layer with zero weights; initialise them with <see cref="Initialization.WeightInitializer"/>.</summary>
    /// <param name="inputSize">Inputs per row.</param>
    /// <param name="outputSize">Units (outputs per row).</param>
    /// <param name="activation">Non-linearity applied after the affine map.</param>
    /// <param name="name">Prefix for the parameter names.</param>
    public DenseLayer(int inputSize, int outputSize, Activation activation, string name = "dense") : base(inputSize, outputSize)
    {
        FullyConnectedFields.CheckActivation(activation, nameof(activation));
        Activation = activation;
        _weights = new Parameter(name + ".weights", checked(inputSize * outputSize), isWeightMatrix: true);
        _bias = new Parameter(name + ".bias", outputSize, isWeightMatrix: false);
    }

    /// <summary>The non-linearity after the affine map.</summary>
    public Activation Activation { get; }

    /// <summary>Weights, row-major [<see cref="Layer.OutputSize"/>, <see cref="Layer.InputSize"/>].</summary>
    public Parameter Weights => _weights;

    /// <summary>Biases, one per output unit.</summary>
    public Parameter Bias => _bias;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_weights, _bias];

    /// <inheritdoc />
    public long NonZeroWeightCount => _weights.Values.LongCount(w => w != 0f);

    /// <summary>A copy of this layer (same weights, biases, activation and parameter names).</summary>
    public DenseLayer ToDense() => WithWeights(_weights.Values, _bias.Values);

    /// <summary>A layer of this shape, activation and name with the given weights and biases (copied).</summary>
    /// <param name="weights">outputs × inputs values, row-major.</param>
    /// <param name="bias">One value per output.</param>
    internal DenseLayer WithWeights(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        var copy = new DenseLayer(InputSize, OutputSize, Activation, ParameterPrefix);
        weights.CopyTo(copy._weights.Values);
        bias.CopyTo(copy._bias.Values);
        return copy;
    }

    /// <summary>The prefix of the parameter names (e.g. "hidden1").</summary>
    internal string ParameterPrefix => _weights.Name[..^".weights".Length];

    /// <inheritdoc />
    public override string Description => FullyConnectedFields.Describe("dense", this, Activation);

    /// <summary>Kind byte 1: int32 inputs, int32 outputs, activation byte, float32 leaky slope, outputs × inputs weights row-major, outputs biases.</summary>
    internal static LayerFormat FileFormat { get; } = new(1, "dense", Read);

    /// <inheritdoc />
    internal override LayerFormat Format => FileFormat;

    /// <inheritdoc />
    internal override void WriteFields(BinaryWriter writer)
    {
        FullyConnectedFields.Write(writer, this, Activation);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_weights.Values.AsSpan()));
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_bias.Values.AsSpan()));
    }

    private static DenseLayer Read(ref NetworkReader reader, int index)
    {
        var (inputs, outputs, activation) = FullyConnectedFields.Read(ref reader, index, denseWeightsFollow: true);
        DenseLayer layer;
        try
        {
            layer = new DenseLayer(inputs, outputs, activation, $"layer{index}");
        }
        catch (ArgumentException e)
        {
            throw new InvalidNetworkFileException($"The network data is corrupt in layer {index}: {e.Message}");
        }
        reader.ReadSingles(layer.Weights.Values, $"weights of layer {index}");
        reader.ReadSingles(layer.Bias.Values, $"biases of layer {index}");
        return layer;
    }

    /// <inheritdoc />
    public override LayerBuffers CreateBuffers(int maxBatch) => new AffineBuffers(maxBatch * OutputSize, Activation.NeedsPreActivation);

    /// <inheritdoc />
    internal override LayerBuffers CreateScoringBuffers(int maxBatch) => new AffineBuffers(maxBatch * OutputSize, Activation.NeedsPreActivation)
    {
        PackedWeights = AffineActivation.PackForScoring(_weights.Values, _bias.Values, OutputSize, InputSize),
    };

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, LayerBuffers buffers, int batch, ForwardMode mode)
    {
        var affine = (AffineBuffers)buffers;
        Span<float> product = affine.Affine(batch * OutputSize);
        if (!AffineActivation.TryMultiplyPacked(affine, input, product, batch, mode))
            Gemm.MultiplyTransposedB(input, _weights.Values, product, batch, OutputSize, InputSize, accumulate: false, mode.Threads);
        AffineActivation.AddBiasAndActivate(affine, _bias.Values, Activation, batch, mode);
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        int n = OutputSize, k = InputSize;
        Span<float> gradient = AffineActivation.Backpropagate((AffineBuffers)buffers, Activation, outputGradient, batch, n, threads);
        Gemm.MultiplyTransposedA(gradient, input, _weights.Gradient, n, k, batch, accumulate: false, threads);
        AffineActivation.BiasGradient(gradient, _bias.Gradient, batch, threads);
        if (!inputGradient.IsEmpty)
            Gemm.Multiply(gradient, _weights.Values, inputGradient, batch, k, n, accumulate: false, threads);
    }

    /// <summary>For a frozen layer: dLoss/dInput = (f'(z) ⊙ dLoss/dOutput)·W, without the weight-gradient product.</summary>
    public override void BackwardInputOnly(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        Span<float> gradient = AffineActivation.Backpropagate((AffineBuffers)buffers, Activation, outputGradient, batch, OutputSize, threads);
        Gemm.Multiply(gradient, _weights.Values, inputGradient, batch, InputSize, OutputSize, accumulate: false, threads);
    }
}

/// <summary>A fully connected layer of <paramref name="Units"/> outputs (see <see cref="DenseLayer"/>).</summary>
/// <param name="Units">Outputs per row.</param>
/// <param name="Activation">Non-linearity after the affine map.</param>
/// <param name="Initialization">How the weights are drawn; null picks He normal for ReLU, LeakyReLU and GELU, Glorot uniform otherwise.</param>
/// <param name="Name">Prefix of the parameter names; null names the layer by its position.</param>
public sealed record DenseSpec(int Units, Activation Activation, WeightInitialization? Initialization = null, string? Name = null) : LayerSpec
{
    /// <inheritdoc />
    public override Layer Build(int inputSize, int index, DeterministicRandom random)
    {
        if (Units < 1)
            throw new ArgumentOutOfRangeException(nameof(Units), Units, $"Layer {index} has {Units} units; a dense layer needs at least one.");
        var layer = new DenseLayer(inputSize, Units, Activation, Name ?? $"layer{index}");
        WeightInitializer.Initialize(layer, Initialization ?? DefaultInitialization(Activation.Kind), random);
        return layer;
    }

    /// <inheritdoc />
    public override LayerSize SizeFor(int inputSize) => new(Units, ((long)inputSize + 1) * Units);

    /// <summary>He initialisation for the ReLU family and GELU (He et al. 2015), Glorot for the rest (Glorot and Bengio 2010).</summary>
    private static WeightInitialization DefaultInitialization(ActivationKind kind) =>
        kind is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.Gelu
            ? WeightInitialization.HeNormal
            : WeightInitialization.GlorotUniform;
}
