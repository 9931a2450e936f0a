using System.Globalization;
using System.Numerics.Tensors;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Threading;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014): while training, each value is zeroed with probability
/// <see cref="Rate"/> and the survivors are scaled by 1/(1 − rate), so inference is the identity.
/// </summary>
public sealed class DropoutLayer : Layer
{
    /// <summary>Creates a dropout layer over rows of <paramref name="size"/> values.</summary>
    /// <param name="size">Values per row (input and output).</param>
    /// <param name="rate">Probability of dropping a value, in [0, 1).</param>
    public DropoutLayer(int size, float rate) : base(size, size)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1): it is the probability of zeroing a unit.");
        Rate = rate;
    }

    /// <summary>Probability of zeroing each value during training.</summary>
    public float Rate { get; }

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"dropout {Rate} over {InputSize}");

    /// <summary>Kind byte 2: int32 size, float32 rate.</summary>
    internal static LayerFormat FileFormat { get; } = new(2, "dropout", Read);

    /// <inheritdoc />
    internal override LayerFormat Format => FileFormat;

    /// <inheritdoc />
    internal override void WriteFields(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write(Rate);
    }

    private static DropoutLayer Read(ref NetworkReader reader, int index)
    {
        int size = reader.ReadInt32($"size of layer {index}");
        float rate = reader.ReadSingle($"dropout rate of layer {index}");
        if (size < 1 || !(rate >= 0f && rate < 1f))
            throw new InvalidNetworkFileException($"The network data is corrupt: dropout layer {index} has size {size} and rate {rate}.");
        return new DropoutLayer(size, rate);
    }

    /// <inheritdoc />
    public override LayerBuffers CreateBuffers(int maxBatch) => new DropoutBuffers(maxBatch * OutputSize);

    /// <inheritdoc />
    public override unsafe void Forward(ReadOnlySpan<float> input, LayerBuffers buffers, int batch, ForwardMode mode)
    {
        var dropout = (DropoutBuffers)buffers;
        int count = batch * OutputSize;
        Span<float> output = dropout.Output.AsSpan(0, count);
        dropout.MaskActive = mode.Training && Rate > 0f;
        if (!dropout.MaskActive)
        {
            input.Slice(0, count).CopyTo(output);
            return;
        }
        var random = mode.Random ?? throw new ArgumentException("Training-mode dropout needs a random source.", nameof(mode));
        float keepScale = 1f / (1f - Rate);
        Span<float> mask = dropout.Mask.AsSpan(0, count);
        if (!mode.InTrainingRun)
        {
            random.FillKeepMask(mask, Rate, keepScale);
            TensorPrimitives.Multiply(input.Slice(0, count), mask, output);
            return;
        }
        ulong batchSeed = random.NextUInt64();
        fixed (float* x = input, m = mask, y = output)
        {
            var work = new RowMasks(x, m, y, OutputSize, batch, RowsPerChunk, batchSeed, Rate, keepScale);
            ComputeTeam.Run(ref work, (batch + RowsPerChunk - 1) / RowsPerChunk, count >= SplitFromValues ? mode.Threads : 1);
        }
    }

    /// <summary>
    /// Masks by row split between the compute team's threads from this many values (drawing a mask costs about 1.7 ns a
    /// value on one core, so about 7 us of work), in blocks of rows of about <see cref="ChunkValues"/> values; the backward
    /// pass's masked gradient is split in the same blocks, so each thread mostly multiplies by the masks it drew.
    /// </summary>
    private const int SplitFromValues = 4096, ChunkValues = 1024;

    private int RowsPerChunk => Math.Max(1, ChunkValues / OutputSize);

    /// <summary>Chunk i: rows i·r to i·r + r − 1 get their masks and output = input ⊙ mask.</summary>
    private readonly unsafe struct RowMasks(float* input, float* mask, float* output, int size, int batch, int rowsPerChunk,
        ulong batchSeed, float rate, float keepScale) : IChunkedWork
    {
        public void Run(int chunk)
        {
            for (int row = chunk * rowsPerChunk, end = Math.Min(batch, row + rowsPerChunk); row < end; row++)
            {
                var rowMask = new Span<float>(mask + (nint)row * size, size);
                DeterministicRandom.FillRowKeepMask(batchSeed, row, rowMask, rate, keepScale);
                TensorPrimitives.Multiply(new ReadOnlySpan<float>(input + (nint)row * size, size), rowMask, new Span<float>(output + (nint)row * size, size));
            }
        }
    }

    /// <inheritdoc />
    public override unsafe void Backward(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        if (inputGradient.IsEmpty) return;
        var dropout = (DropoutBuffers)buffers;
        int count = batch * OutputSize;
        if (!dropout.MaskActive)
        {
            outputGradient.Slice(0, count).CopyTo(inputGradient);
            return;
        }
        fixed (float* g = outputGradient.Slice(0, count), m = dropout.Mask.AsSpan(0, count), d = inputGradient.Slice(0, count))
        {
            var work = new MaskedRows(g, m, d, OutputSize * RowsPerChunk, count);
            ComputeTeam.Run(ref work, (batch + RowsPerChunk - 1) / RowsPerChunk, count >= SplitFromValues ? threads : 1);
        }
    }

    /// <summary>Chunk i: values i·c to i·c + c − 1 (whole rows) of inputGradient = outputGradient ⊙ mask.</summary>
    private readonly unsafe struct MaskedRows(float* outputGradient, float* mask, float* inputGradient, int chunkValues, int count) : IChunkedWork
    {
        public void Run(int chunk)
        {
            int start = chunk * chunkValues, length = Math.Min(chunkValues, count - start);
            TensorPrimitives.Multiply(new ReadOnlySpan<float>(outputGradient + start, length), new ReadOnlySpan<float>(mask + start, length),
                new Span<float>(inputGradient + start, length));
        }
    }

    private sealed class DropoutBuffers(int length) : LayerBuffers(length)
    {
        public float[] Mask { get; } = new float[length];

        public bool MaskActive { get; set; }
    }
}

/// <summary>Inverted dropout at <paramref name="Rate"/> over the previous layer's outputs (see <see cref="DropoutLayer"/>).</summary>
/// <param name="Rate">Probability of zeroing a value while training, in [0, 1).</param>
public sealed record DropoutSpec(float Rate) : LayerSpec
{
    /// <inheritdoc />
    public override Layer Build(int inputSize, int index, DeterministicRandom random) => new DropoutLayer(inputSize, Rate);

    /// <inheritdoc />
    public override LayerSize SizeFor(int inputSize) => new(inputSize, 0);
}
