using System.Globalization;
using System.Numerics.Tensors;
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
public sealed class DenseLayer : Layer
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
        if (activation.Kind == ActivationKind.LeakyReLU && !(activation.LeakySlope >= 0f && activation.LeakySlope < 1f))
            throw new ArgumentOutOfRangeException(nameof(activation), activation.LeakySlope, "The LeakyReLU slope must be in [0, 1).");
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
    public override string Description => string.Create(CultureInfo.InvariantCulture,
        $"dense {InputSize} → {OutputSize}, {(Activation.Kind == ActivationKind.LeakyReLU ? $"LeakyReLU (slope {Activation.LeakySlope})" : Activation.Kind.ToString())}");

    /// <summary>Kind byte 1: int32 inputs, int32 outputs, activation byte, float32 leaky slope, outputs × inputs weights row-major, outputs biases.</summary>
    internal static LayerFormat FileFormat { get; } = new(1, "dense", Read);

    /// <inheritdoc />
    internal override LayerFormat Format => FileFormat;

    /// <inheritdoc />
    internal override void WriteFields(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write(OutputSize);
        writer.Write((byte)Activation.Kind);
        writer.Write(Activation.LeakySlope);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_weights.Values.AsSpan()));
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_bias.Values.AsSpan()));
    }

    private static DenseLayer Read(ref NetworkReader reader, int index)
    {
        int inputs = reader.ReadInt32($"input size of layer {index}");
        int outputs = reader.ReadInt32($"output size of layer {index}");
        reader.RequireFloats(outputs, inputs, $"weights of layer {index}");
        byte activationCode = reader.ReadByte($"activation of layer {index}");
        if (!Enum.IsDefined((ActivationKind)activationCode))
            throw new InvalidNetworkFileException($"Layer {index} uses activation code {activationCode}, which this MlNetNeural does not know. Upgrade MlNetNeural to load it.");
        float slope = reader.ReadSingle($"activation slope of layer {index}");
        DenseLayer layer;
        try
        {
            layer = new DenseLayer(inputs, outputs, new Activation((ActivationKind)activationCode, slope), $"layer{index}");
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
    public override LayerBuffers CreateBuffers(int maxBatch) =>
        new DenseBuffers(maxBatch * OutputSize, Activation.NeedsPreActivation);

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, LayerBuffers buffers, int batch, ForwardMode mode)
    {
        var dense = (DenseBuffers)buffers;
        int n = OutputSize;
        Span<float> output = dense.Output.AsSpan(0, batch * n);
        Span<float> affine = dense.PreActivation is { } pre ? pre.AsSpan(0, batch * n) : output;
        Gemm.MultiplyTransposedB(input, _weights.Values, affine, batch, n, InputSize, accumulate: false, mode.Threads);
        ReadOnlySpan<float> bias = _bias.Values;
        for (int row = 0; row < batch; row++)
        {
            Span<float> z = affine.Slice(row * n, n);
            TensorPrimitives.Add(z, bias, z);
            Activation.Apply(z, output.Slice(row * n, n));
        }
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        var dense = (DenseBuffers)buffers;
        int n = OutputSize, k = InputSize;
        Span<float> gradient = outputGradient.Slice(0, batch * n);
        Activation.Backpropagate(dense.PreActivation is { } pre ? pre.AsSpan(0, batch * n) : default,
            dense.Output.AsSpan(0, batch * n), gradient);

        Gemm.MultiplyTransposedA(gradient, input, _weights.Gradient, n, k, batch, accumulate: false, threads);
        Span<float> biasGradient = _bias.Gradient;
        biasGradient.Clear();
        for (int row = 0; row < batch; row++) TensorPrimitives.Add(biasGradient, gradient.Slice(row * n, n), biasGradient);

        if (!inputGradient.IsEmpty)
            Gemm.Multiply(gradient, _weights.Values, inputGradient, batch, k, n, accumulate: false, threads);
    }

    private sealed class DenseBuffers(int outputLength, bool keepPreActivation) : LayerBuffers(outputLength)
    {
        public float[]? PreActivation { get; } = keepPreActivation ? new float[outputLength] : null;
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
