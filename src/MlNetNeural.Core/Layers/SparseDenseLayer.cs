using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Initialization;
using MlNetNeural.Core.Kernels;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// A fully connected layer y = f(x·Wᵀ + b) that stores only some of its weights (a pruned layer): W is a
/// <see cref="CsrMatrix"/> whose structure is fixed and whose stored values train, so the weights that are not stored
/// stay exactly zero through any amount of further training. Below <see cref="DenseKernelAboveDensity"/> it computes
/// with the sparse kernel (<see cref="SparseGemm"/>); denser layers expand their weights and use the dense one, which is
/// faster there (see docs/benchmarks.md). Its file form stores a bitmap of the structure and the stored values, so the
/// file shrinks with the sparsity.
/// </summary>
public sealed class SparseDenseLayer : Layer, IFullyConnectedLayer
{
    /// <summary>
    /// Layers storing more than this fraction of their weights compute with the dense matrix product; sparser ones with
    /// the sparse kernel. From the BenchmarkDotNet comparison of the two kernels on a 784 → 256 layer in
    /// docs/benchmarks.md (section "Sparse scoring").
    /// </summary>
    public const double DenseKernelAboveDensity = 0.3;

    private readonly CsrMatrix _weights;
    private readonly Parameter _values;
    private readonly Parameter _bias;

    /// <summary>Creates a layer with the given structure, zero weights and zero biases.</summary>
    /// <param name="inputSize">Inputs per row.</param>
    /// <param name="outputSize">Units.</param>
    /// <param name="activation">Non-linearity after the affine map.</param>
    /// <param name="rowStarts">outputSize + 1 offsets into the stored weights (see <see cref="CsrMatrix"/>).</param>
    /// <param name="columnIndices">The input each stored weight reads, ascending within a unit.</param>
    /// <param name="name">Prefix for the parameter names.</param>
    public SparseDenseLayer(int inputSize, int outputSize, Activation activation, int[] rowStarts, int[] columnIndices, string name = "sparse")
        : base(inputSize, outputSize)
    {
        ArgumentNullException.ThrowIfNull(columnIndices);
        FullyConnectedFields.CheckActivation(activation, nameof(activation));
        Activation = activation;
        _values = new Parameter(name + ".weights", columnIndices.Length, isWeightMatrix: true);
        _bias = new Parameter(name + ".bias", outputSize, isWeightMatrix: false);
        _weights = new CsrMatrix(outputSize, inputSize, rowStarts, columnIndices, _values.Values);
    }

    /// <summary>The layer that stores the non-zero weights of <paramref name="dense"/> (with its biases, activation and parameter names).</summary>
    /// <param name="dense">A dense layer, typically pruned.</param>
    public static SparseDenseLayer FromDense(DenseLayer dense)
    {
        ArgumentNullException.ThrowIfNull(dense);
        var structure = CsrMatrix.FromDense(dense.Weights.Values, dense.OutputSize, dense.InputSize);
        var layer = new SparseDenseLayer(dense.InputSize, dense.OutputSize, dense.Activation, structure.RowStarts.ToArray(), structure.ColumnIndices.ToArray(), dense.ParameterPrefix);
        structure.Values.CopyTo(layer._values.Values, 0);
        dense.Bias.Values.CopyTo(layer._bias.Values, 0);
        return layer;
    }

    /// <summary>The non-linearity after the affine map.</summary>
    public Activation Activation { get; }

    /// <summary>The weights: structure and values (the values are <see cref="WeightValues"/>'s array).</summary>
    public CsrMatrix Weights => _weights;

    /// <summary>The stored weights as a trainable parameter, in <see cref="Weights"/>' entry order.</summary>
    public Parameter WeightValues => _values;

    /// <summary>Biases, one per unit.</summary>
    public Parameter Bias => _bias;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_values, _bias];

    /// <inheritdoc />
    public long NonZeroWeightCount => _weights.NonZeroCount;

    /// <summary>True when the layer computes with the sparse kernel (it stores at most <see cref="DenseKernelAboveDensity"/> of its weights).</summary>
    public bool UsesSparseKernel => _weights.Density <= DenseKernelAboveDensity;

    /// <inheritdoc />
    public DenseLayer ToDense()
    {
        var dense = new float[InputSize * OutputSize];
        _weights.ToDense(dense);
        return new DenseLayer(InputSize, OutputSize, Activation, ParameterPrefix).WithWeights(dense, _bias.Values);
    }

    /// <inheritdoc />
    public override string Description =>
        FullyConnectedFields.Describe("sparse dense", this, Activation) + string.Create(CultureInfo.InvariantCulture, $", {100 * _weights.Density:0.0}% of weights kept");

    private string ParameterPrefix => _values.Name[..^".weights".Length];

    /// <summary>
    /// Kind byte 5: int32 inputs, int32 outputs, activation byte, float32 leaky slope, int32 stored-weight count, a bitmap
    /// of outputs × inputs bits (row-major, least significant bit first, 1 = stored), the stored weights in row-major
    /// order, outputs biases.
    /// </summary>
    internal static LayerFormat FileFormat { get; } = new(5, "sparse dense", Read);

    /// <inheritdoc />
    internal override LayerFormat Format => FileFormat;

    /// <inheritdoc />
    internal override void WriteFields(BinaryWriter writer)
    {
        FullyConnectedFields.Write(writer, this, Activation);
        writer.Write(_weights.NonZeroCount);
        var bitmap = new byte[BitmapBytes(OutputSize, InputSize)];
        ReadOnlySpan<int> starts = _weights.RowStarts, columns = _weights.ColumnIndices;
        for (int row = 0; row < OutputSize; row++)
        {
            for (int e = starts[row]; e < starts[row + 1]; e++)
            {
                long bit = (long)row * InputSize + columns[e];
                bitmap[bit >> 3] |= (byte)(1 << (int)(bit & 7));
            }
        }
        writer.Write(bitmap);
        writer.Write(MemoryMarshal.AsBytes(_values.Values.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(_bias.Values.AsSpan()));
    }

    private static long BitmapBytes(int rows, int columns) => ((long)rows * columns + 7) / 8;

    private static SparseDenseLayer Read(ref NetworkReader reader, int index)
    {
        var (inputs, outputs, activation) = FullyConnectedFields.Read(ref reader, index, denseWeightsFollow: false);
        int stored = reader.ReadInt32($"stored-weight count of layer {index}");
        long bitmapBytes = BitmapBytes(outputs, inputs);
        if (stored < 0 || stored > (long)inputs * outputs || bitmapBytes > Array.MaxLength || bitmapBytes + 4L * stored + 4L * outputs > reader.Remaining)
            throw new InvalidNetworkFileException($"The network data is corrupt: sparse layer {index} declares {stored} stored weights of {inputs}×{outputs} (a {bitmapBytes}-byte bitmap), but only {reader.Remaining} bytes remain.");
        byte[] bitmap = reader.ReadBytes((int)bitmapBytes, $"weight bitmap of layer {index}");
        var (rowStarts, columns) = Structure(bitmap, outputs, inputs, stored, index);
        SparseDenseLayer layer;
        try
        {
            layer = new SparseDenseLayer(inputs, outputs, activation, rowStarts, columns, $"layer{index}");
        }
        catch (ArgumentException e)
        {
            throw new InvalidNetworkFileException($"The network data is corrupt in layer {index}: {e.Message}");
        }
        reader.ReadSingles(layer._values.Values, $"weights of layer {index}");
        reader.ReadSingles(layer._bias.Values, $"biases of layer {index}");
        return layer;
    }

    /// <summary>The CSR structure a bitmap describes; the number of set bits must be <paramref name="stored"/>.</summary>
    private static (int[] RowStarts, int[] Columns) Structure(ReadOnlySpan<byte> bitmap, int rows, int columns, int stored, int index)
    {
        long setBits = 0;
        foreach (byte b in bitmap) setBits += BitOperations.PopCount(b);
        long usedBits = (long)rows * columns;
        if (setBits != stored || (usedBits % 8 != 0 && bitmap[^1] >> (int)(usedBits % 8) != 0))
            throw new InvalidNetworkFileException($"The network data is corrupt: the weight bitmap of sparse layer {index} marks {setBits} weights, but the layer declares {stored}.");
        var rowStarts = new int[rows + 1];
        var columnIndices = new int[stored];
        int next = 0;
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                long bit = (long)row * columns + column;
                if ((bitmap[(int)(bit >> 3)] & (1 << (int)(bit & 7))) != 0) columnIndices[next++] = column;
            }
            rowStarts[row + 1] = next;
        }
        return (rowStarts, columnIndices);
    }

    /// <inheritdoc />
    public override LayerBuffers CreateBuffers(int maxBatch)
    {
        int outputs = maxBatch * OutputSize;
        return UsesSparseKernel
            ? new SparseBuffers(outputs, Activation.NeedsPreActivation,
                Math.Max(SparseGemm.ForwardScratchLength(maxBatch, InputSize), SparseGemm.BackwardScratchLength(maxBatch, OutputSize, InputSize)), 0)
            : new SparseBuffers(outputs, Activation.NeedsPreActivation, 0, InputSize * OutputSize);
    }

    /// <inheritdoc />
    internal override LayerBuffers CreateScoringBuffers(int maxBatch)
    {
        if (UsesSparseKernel) return CreateBuffers(maxBatch);
        var dense = new float[InputSize * OutputSize];
        _weights.ToDense(dense);
        return new SparseBuffers(maxBatch * OutputSize, Activation.NeedsPreActivation, 0, InputSize * OutputSize)
        {
            PackedWeights = AffineActivation.PackForScoring(dense, _bias.Values, OutputSize, InputSize),
        };
    }

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, LayerBuffers buffers, int batch, ForwardMode mode)
    {
        var sparse = (SparseBuffers)buffers;
        Span<float> affine = sparse.Affine(batch * OutputSize);
        if (UsesSparseKernel)
        {
            SparseGemm.MultiplyTransposedB(input, _weights, affine, batch, sparse.Scratch);
        }
        else if (!AffineActivation.TryMultiplyPacked(sparse, input, affine, batch, mode))
        {
            _weights.ToDense(sparse.DenseWeights);
            Gemm.MultiplyTransposedB(input, sparse.DenseWeights, affine, batch, OutputSize, InputSize, accumulate: false, mode.Threads);
        }
        AffineActivation.AddBiasAndActivate(sparse, _bias.Values, Activation, batch, mode);
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        var sparse = (SparseBuffers)buffers;
        Span<float> gradient = AffineActivation.Backpropagate(sparse, Activation, outputGradient, batch, OutputSize, threads);
        if (UsesSparseKernel)
        {
            SparseGemm.MultiplyAtPattern(gradient, input, _weights, _values.Gradient, batch, sparse.Scratch);
        }
        else
        {
            Gemm.MultiplyTransposedA(gradient, input, sparse.DenseGradient, OutputSize, InputSize, batch, accumulate: false, threads);
            _weights.GatherFrom(sparse.DenseGradient, _values.Gradient);
        }
        AffineActivation.BiasGradient(gradient, _bias.Gradient, batch, threads);
        if (!inputGradient.IsEmpty) InputGradient(sparse, gradient, inputGradient, batch, threads);
    }

    /// <summary>For a frozen layer: dLoss/dInput only.</summary>
    public override void BackwardInputOnly(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        var sparse = (SparseBuffers)buffers;
        InputGradient(sparse, AffineActivation.Backpropagate(sparse, Activation, outputGradient, batch, OutputSize, threads), inputGradient, batch, threads);
    }

    /// <summary>dLoss/dInput = dLoss/dz · W, with the kernel the forward pass used (the dense one reads the weights it expanded).</summary>
    private void InputGradient(SparseBuffers sparse, ReadOnlySpan<float> gradient, Span<float> inputGradient, int batch, int threads)
    {
        if (UsesSparseKernel) SparseGemm.Multiply(gradient, _weights, inputGradient, batch, sparse.Scratch);
        else Gemm.Multiply(gradient, sparse.DenseWeights, inputGradient, batch, InputSize, OutputSize, accumulate: false, threads);
    }

    private sealed class SparseBuffers(int outputLength, bool keepPreActivation, int scratch, int denseWeights) : AffineBuffers(outputLength, keepPreActivation)
    {
        /// <summary>Transposed operands of the sparse kernel.</summary>
        public float[] Scratch { get; } = new float[scratch];

        /// <summary>The weights expanded for the dense kernel (written by each forward pass).</summary>
        public float[] DenseWeights { get; } = new float[denseWeights];

        /// <summary>The dense kernel's full weight gradient, before the stored entries are picked out.</summary>
        public float[] DenseGradient { get; } = new float[denseWeights];
    }
}

/// <summary>
/// A sparse layer of <paramref name="Units"/> outputs in which each weight is stored with probability
/// <paramref name="Density"/> (a random fixed structure, drawn from the network's generator), initialised like a dense
/// layer (see <see cref="SparseDenseLayer"/>). Pruning a trained dense layer (<see cref="Pruning.MagnitudePruning"/>) is the
/// usual way to get a sparse layer; this spec builds one directly.
/// </summary>
/// <param name="Units">Outputs per row.</param>
/// <param name="Activation">Non-linearity after the affine map.</param>
/// <param name="Density">Fraction of weights stored, in (0, 1].</param>
/// <param name="Name">Prefix of the parameter names; null names the layer by its position.</param>
public sealed record SparseDenseSpec(int Units, Activation Activation, float Density, string? Name = null) : LayerSpec
{
    /// <inheritdoc />
    public override Layer Build(int inputSize, int index, DeterministicRandom random)
    {
        if (!(Density > 0f && Density <= 1f))
            throw new ArgumentOutOfRangeException(nameof(Density), Density, $"Layer {index} keeps a fraction {Density} of its weights; it must be in (0, 1].");
        var dense = (DenseLayer)new DenseSpec(Units, Activation, Name: Name).Build(inputSize, index, random);
        float[] weights = dense.Weights.Values;
        for (int i = 0; i < weights.Length; i++) if (random.NextFloat() >= Density) weights[i] = 0f;
        return SparseDenseLayer.FromDense(dense);
    }

    /// <summary>The stored weights expected at <see cref="Density"/> (rounded up), and the biases.</summary>
    public override LayerSize SizeFor(int inputSize) => new(Units, (long)Math.Ceiling((double)Density * inputSize * Units) + Units);
}
