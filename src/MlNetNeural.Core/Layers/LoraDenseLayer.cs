using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Kernels;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// A dense layer with a low-rank adapter (LoRA, Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large Language Models"):
/// y = f(x·(W + (α/r)·B·A)ᵀ + b), where W and b are a trained layer's weights, frozen, and A [r × inputs] and B
/// [outputs × r] are the only parameters that train (r·(inputs + outputs) values instead of inputs·outputs). B starts
/// at zero, so the adapted layer starts as the base layer. Training computes x·Wᵀ + (α/r)·(x·Aᵀ)·Bᵀ and never forms the
/// full update; inference uses the merged matrix W + (α/r)·B·A, computed once and recomputed only when A or B changed,
/// so scoring costs what the base layer costs. <see cref="ToDense"/> gives the merged plain layer.
/// </summary>
public sealed class LoraDenseLayer : Layer, IFullyConnectedLayer
{
    private readonly float[] _baseWeights;
    private readonly float[] _baseBias;
    private readonly Parameter _a;
    private readonly Parameter _b;
    private readonly string _prefix;
    private MergedWeights? _merged;

    /// <summary>Adapts a copy of <paramref name="baseLayer"/> (its weights and biases are copied and frozen); A and B start at zero (see <see cref="InitializeAdapter"/>).</summary>
    /// <param name="baseLayer">The trained layer to adapt.</param>
    /// <param name="rank">r, from 1 to the smaller of the layer's input and output sizes.</param>
    /// <param name="alpha">α, above 0: the update is scaled by α/r.</param>
    public LoraDenseLayer(DenseLayer baseLayer, int rank, float alpha)
        : this((baseLayer ?? throw new ArgumentNullException(nameof(baseLayer))).InputSize, baseLayer.OutputSize, baseLayer.Activation, rank, alpha, baseLayer.ParameterPrefix)
    {
        baseLayer.Weights.Values.CopyTo(_baseWeights, 0);
        baseLayer.Bias.Values.CopyTo(_baseBias, 0);
    }

    private LoraDenseLayer(int inputSize, int outputSize, Activation activation, int rank, float alpha, string prefix) : base(inputSize, outputSize)
    {
        if (rank < 1 || rank > Math.Min(inputSize, outputSize))
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"The LoRA rank must be from 1 to {Math.Min(inputSize, outputSize)} (the smaller of the layer's {inputSize} inputs and {outputSize} outputs).");
        if (!(float.IsFinite(alpha) && alpha > 0f))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The LoRA alpha must be a finite number above 0 (the update is scaled by alpha / rank).");
        FullyConnectedFields.CheckActivation(activation, nameof(activation));
        Activation = activation;
        Rank = rank;
        Alpha = alpha;
        _prefix = prefix;
        _baseWeights = new float[checked(inputSize * outputSize)];
        _baseBias = new float[outputSize];
        _a = new Parameter(prefix + ".lora_a", checked(rank * inputSize), isWeightMatrix: true);
        _b = new Parameter(prefix + ".lora_b", checked(outputSize * rank), isWeightMatrix: true);
    }

    /// <summary>The non-linearity after the affine map.</summary>
    public Activation Activation { get; }

    /// <summary>r: the rank of the update B·A.</summary>
    public int Rank { get; }

    /// <summary>α: the update is scaled by α/r.</summary>
    public float Alpha { get; }

    /// <summary>α/r.</summary>
    public float Scale => Alpha / Rank;

    /// <summary>The frozen base weights W, row-major [outputs × inputs].</summary>
    public ReadOnlySpan<float> BaseWeights => _baseWeights;

    /// <summary>The frozen base biases b.</summary>
    public ReadOnlySpan<float> BaseBias => _baseBias;

    /// <summary>A, row-major [r × inputs] (trained).</summary>
    public Parameter A => _a;

    /// <summary>B, row-major [outputs × r] (trained, starts at zero).</summary>
    public Parameter B => _b;

    /// <summary>A and B: the base weights and biases do not train.</summary>
    public override IReadOnlyList<Parameter> Parameters => [_a, _b];

    /// <inheritdoc />
    public long NonZeroWeightCount => ToDense().NonZeroWeightCount;

    /// <summary>The merged plain layer: weights W + (α/r)·B·A, the base biases, the same activation and parameter names.</summary>
    public DenseLayer ToDense() => new DenseLayer(InputSize, OutputSize, Activation, _prefix).WithWeights(MergedWeightsNow(), _baseBias);

    /// <summary>Draws A from a normal distribution with standard deviation 1/√inputs and sets B to zero (Hu et al. 2021, section 4.1: random Gaussian A, zero B), so the adapted layer starts equal to its base.</summary>
    /// <param name="random">The generator.</param>
    public void InitializeAdapter(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        float sigma = 1f / MathF.Sqrt(InputSize);
        for (int i = 0; i < _a.Values.Length; i++) _a.Values[i] = sigma * random.NextGaussian();
        Array.Clear(_b.Values);
    }

    /// <inheritdoc />
    public override string Description =>
        FullyConnectedFields.Describe("dense", this, Activation) + string.Create(CultureInfo.InvariantCulture, $", LoRA rank {Rank} (alpha {Alpha})");

    /// <summary>
    /// Kind byte 4: int32 inputs, int32 outputs, activation byte, float32 leaky slope, int32 rank, float32 alpha, base
    /// weights outputs × inputs row-major, base biases, A rank × inputs, B outputs × rank.
    /// </summary>
    internal static LayerFormat FileFormat { get; } = new(4, "LoRA dense", Read);

    /// <inheritdoc />
    internal override LayerFormat Format => FileFormat;

    /// <inheritdoc />
    internal override void WriteFields(BinaryWriter writer)
    {
        FullyConnectedFields.Write(writer, this, Activation);
        writer.Write(Rank);
        writer.Write(Alpha);
        writer.Write(MemoryMarshal.AsBytes(_baseWeights.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(_baseBias.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(_a.Values.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(_b.Values.AsSpan()));
    }

    private static LoraDenseLayer Read(ref NetworkReader reader, int index)
    {
        var (inputs, outputs, activation) = FullyConnectedFields.Read(ref reader, index, denseWeightsFollow: true);
        int rank = reader.ReadInt32($"LoRA rank of layer {index}");
        float alpha = reader.ReadSingle($"LoRA alpha of layer {index}");
        LoraDenseLayer layer;
        try
        {
            layer = new LoraDenseLayer(inputs, outputs, activation, rank, alpha, $"layer{index}");
        }
        catch (ArgumentException e)
        {
            throw new InvalidNetworkFileException($"The network data is corrupt in layer {index}: {e.Message}");
        }
        reader.ReadSingles(layer._baseWeights, $"base weights of layer {index}");
        reader.ReadSingles(layer._baseBias, $"base biases of layer {index}");
        reader.ReadSingles(layer._a.Values, $"LoRA A of layer {index}");
        reader.ReadSingles(layer._b.Values, $"LoRA B of layer {index}");
        return layer;
    }

    /// <inheritdoc />
    public override LayerBuffers CreateBuffers(int maxBatch) => new LoraBuffers(maxBatch * OutputSize, Activation.NeedsPreActivation, maxBatch * Rank);

    /// <inheritdoc />
    internal override LayerBuffers CreateScoringBuffers(int maxBatch) => new LoraBuffers(maxBatch * OutputSize, Activation.NeedsPreActivation, maxBatch * Rank)
    {
        PackedWeights = AffineActivation.PackForScoring(MergedForInference(), _baseBias, OutputSize, InputSize),
    };

    /// <summary>Training: x·Wᵀ + (α/r)·(x·Aᵀ)·Bᵀ, keeping (α/r)·x·Aᵀ for the backward pass. Inference: x·(merged W)ᵀ.</summary>
    public override void Forward(ReadOnlySpan<float> input, LayerBuffers buffers, int batch, ForwardMode mode)
    {
        var lora = (LoraBuffers)buffers;
        int n = OutputSize, k = InputSize;
        Span<float> affine = lora.Affine(batch * n);
        if (mode.Training)
        {
            Span<float> projected = lora.Projected.AsSpan(0, batch * Rank);
            Gemm.MultiplyTransposedB(input, _baseWeights, affine, batch, n, k, accumulate: false, mode.Threads);
            Gemm.MultiplyTransposedB(input, _a.Values, projected, batch, Rank, k, accumulate: false, mode.Threads);
            TensorPrimitives.Multiply(projected, Scale, projected);
            Gemm.MultiplyTransposedB(projected, _b.Values, affine, batch, n, Rank, accumulate: true, mode.Threads);
        }
        else if (!AffineActivation.TryMultiplyPacked(lora, input, affine, batch, mode))
        {
            Gemm.MultiplyTransposedB(input, MergedForInference(), affine, batch, n, k, accumulate: false, mode.Threads);
        }
        AffineActivation.AddBiasAndActivate(lora, _baseBias, Activation, batch, mode);
    }

    /// <summary>
    /// With g = dLoss/dz and P = (α/r)·x·Aᵀ from the forward pass: dB = gᵀ·P, G = (α/r)·g·B, dA = Gᵀ·x, and
    /// dLoss/dx = g·W + G·A. No product of the full weight shape is formed except g·W for the input gradient.
    /// </summary>
    public override void Backward(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        var lora = (LoraBuffers)buffers;
        Span<float> gradient = AffineActivation.Backpropagate(lora, Activation, outputGradient, batch, OutputSize, threads);
        Gemm.MultiplyTransposedA(gradient, lora.Projected.AsSpan(0, batch * Rank), _b.Gradient, OutputSize, Rank, batch, accumulate: false, threads);
        Span<float> scaledBack = ProjectBack(lora, gradient, batch, threads);
        Gemm.MultiplyTransposedA(scaledBack, input, _a.Gradient, Rank, InputSize, batch, accumulate: false, threads);
        if (!inputGradient.IsEmpty) InputGradient(gradient, scaledBack, inputGradient, batch, threads);
    }

    /// <summary>For a frozen adapter: dLoss/dInput only.</summary>
    public override void BackwardInputOnly(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        var lora = (LoraBuffers)buffers;
        Span<float> gradient = AffineActivation.Backpropagate(lora, Activation, outputGradient, batch, OutputSize, threads);
        InputGradient(gradient, ProjectBack(lora, gradient, batch, threads), inputGradient, batch, threads);
    }

    /// <summary>G = (α/r)·g·B, batch × r.</summary>
    private Span<float> ProjectBack(LoraBuffers lora, ReadOnlySpan<float> gradient, int batch, int threads)
    {
        Span<float> scaledBack = lora.ScaledBack.AsSpan(0, batch * Rank);
        Gemm.Multiply(gradient, _b.Values, scaledBack, batch, Rank, OutputSize, accumulate: false, threads);
        TensorPrimitives.Multiply(scaledBack, Scale, scaledBack);
        return scaledBack;
    }

    private void InputGradient(ReadOnlySpan<float> gradient, ReadOnlySpan<float> scaledBack, Span<float> inputGradient, int batch, int threads)
    {
        Gemm.Multiply(gradient, _baseWeights, inputGradient, batch, InputSize, OutputSize, accumulate: false, threads);
        Gemm.Multiply(scaledBack, _a.Values, inputGradient, batch, InputSize, Rank, accumulate: true, threads);
    }

    /// <summary>W + (α/r)·B·A as a new array.</summary>
    private float[] MergedWeightsNow()
    {
        var merged = new float[_baseWeights.Length];
        Gemm.Multiply(_b.Values, _a.Values, merged, OutputSize, InputSize, Rank);
        TensorPrimitives.MultiplyAdd(merged, Scale, _baseWeights, merged);
        return merged;
    }

    /// <summary>The merged weights for inference, recomputed only when A or B no longer hold the values they were merged from.</summary>
    private float[] MergedForInference()
    {
        var merged = Volatile.Read(ref _merged);
        if (merged is not null && merged.A.AsSpan().SequenceEqual(_a.Values) && merged.B.AsSpan().SequenceEqual(_b.Values)) return merged.Weights;
        merged = new MergedWeights(MergedWeightsNow(), (float[])_a.Values.Clone(), (float[])_b.Values.Clone());
        Volatile.Write(ref _merged, merged);
        return merged.Weights;
    }

    /// <summary>The merged matrix and the A and B it was computed from.</summary>
    private sealed record MergedWeights(float[] Weights, float[] A, float[] B);

    private sealed class LoraBuffers(int outputLength, bool keepPreActivation, int projectedLength) : AffineBuffers(outputLength, keepPreActivation)
    {
        /// <summary>(α/r)·x·Aᵀ from the training forward pass, batch × r.</summary>
        public float[] Projected { get; } = new float[projectedLength];

        /// <summary>(α/r)·g·B in the backward pass, batch × r.</summary>
        public float[] ScaledBack { get; } = new float[projectedLength];
    }
}

/// <summary>
/// A dense layer of <paramref name="Units"/> outputs with a LoRA adapter of rank <paramref name="Rank"/> (see
/// <see cref="LoraDenseLayer"/>): the base weights are initialised like <see cref="DenseSpec"/>'s and stay frozen, so only
/// the adapter trains (a random-feature layer with a low-rank learned update). To adapt a trained network, use
/// <see cref="Adaptation.LoraAdapters.Attach"/> instead.
/// </summary>
/// <param name="Units">Outputs per row.</param>
/// <param name="Activation">Non-linearity after the affine map.</param>
/// <param name="Rank">r, at least 1.</param>
/// <param name="Alpha">α; null uses the rank (a scale of 1).</param>
/// <param name="Name">Prefix of the parameter names; null names the layer by its position.</param>
public sealed record LoraDenseSpec(int Units, Activation Activation, int Rank, float? Alpha = null, string? Name = null) : LayerSpec
{
    /// <inheritdoc />
    public override Layer Build(int inputSize, int index, DeterministicRandom random)
    {
        var baseLayer = (DenseLayer)new DenseSpec(Units, Activation, Name: Name).Build(inputSize, index, random);
        var layer = new LoraDenseLayer(baseLayer, Rank, Alpha ?? Rank);
        layer.InitializeAdapter(random);
        return layer;
    }

    /// <summary>Counts the frozen base weights and biases with A and B: they are held in memory like parameters (a conservative estimate).</summary>
    public override LayerSize SizeFor(int inputSize) => new(Units, ((long)inputSize + 1) * Units + (long)Rank * (inputSize + Units));
}
