using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Threading;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// The steps every fully connected layer kind shares around its matrix product z = x·Wᵀ: adding the bias and applying
/// the activation going forward, and turning dLoss/dOutput into dLoss/dz and the bias gradient going back.
/// </summary>
internal static unsafe class AffineActivation
{
    /// <summary>
    /// A pass over fewer values than this (about 10 us of work) runs on the calling thread; larger ones are split between
    /// the compute team's threads in chunks of <see cref="ChunkValues"/> (a multiple of every vector width, so each value
    /// gets the same operations whichever chunk holds it).
    /// </summary>
    internal const int SplitFromValues = 16384, ChunkValues = 4096;

    /// <summary>
    /// The layer's weights W (<paramref name="units"/> rows of <paramref name="inputs"/> values) packed for scoring. The
    /// one-row product skips zero inputs unless a bias is −0: the skipped product can differ from the full one only in the
    /// sign of an output that is exactly zero, which adding a bias other than −0 erases (<see cref="Kernels.PackedWeights.SkipsZeroInputs"/>),
    /// so scores keep their bits either way.
    /// </summary>
    public static Kernels.PackedWeights PackForScoring(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int units, int inputs)
    {
        bool negativeZeroBias = MemoryMarshal.Cast<float, int>(bias).Contains(NegativeZeroBits);
        return Kernels.PackedWeights.Pack(weights, units, inputs, Kernels.GemmPaths.Best, skipZeroInputs: !negativeZeroBias);
    }

    private const int NegativeZeroBits = unchecked((int)0x8000_0000);

    /// <summary>
    /// In an inference pass with scoring buffers (<see cref="Network.CreateScoringWorkspace"/>), z = x·Wᵀ from the packed
    /// copy of the weights into <paramref name="product"/>, and true; otherwise false (the layer multiplies its live weights).
    /// </summary>
    public static bool TryMultiplyPacked(AffineBuffers buffers, ReadOnlySpan<float> input, Span<float> product, int batch, ForwardMode mode)
    {
        if (mode.Training || buffers.PackedWeights is not { } packed) return false;
        Kernels.Gemm.MultiplyTransposedB(input, packed, product, batch, mode.Threads);
        return true;
    }

    /// <summary>
    /// output = f(z + b) row by row; z is the pre-activation buffer (kept for the backward pass when the activation needs it)
    /// or the output itself. In a training run's steps (<see cref="ForwardMode.InTrainingRun"/>, not
    /// <see cref="ForwardMode.ForwardOnly"/>) that buffer receives f′(z + b) instead, computed with f (GELU's share one erf),
    /// so the backward pass only multiplies by it.
    /// </summary>
    public static void AddBiasAndActivate(AffineBuffers buffers, float[] bias, Activation activation, int batch, ForwardMode mode)
    {
        int n = bias.Length;
        float[] affine = buffers.PreActivation ?? buffers.Output;
        // Kept for a backward pass, and only for an activation that needs it (GELU).
        bool keepDerivative = mode.InTrainingRun && !mode.ForwardOnly && buffers.PreActivation is not null;
        fixed (float* output = buffers.Output, z = affine, b = bias)
        {
            int rowsPerChunk = Math.Max(1, ChunkValues / n);
            var work = new BiasAndActivation(z, output, b, n, batch, rowsPerChunk, activation, keepDerivative);
            ComputeTeam.Run(ref work, (batch + rowsPerChunk - 1) / rowsPerChunk, batch * n >= SplitFromValues ? mode.Threads : 1);
        }
        buffers.PreActivationIsDerivative = keepDerivative;
    }

    /// <summary>Turns dLoss/dOutput into dLoss/dz in place and returns it.</summary>
    public static Span<float> Backpropagate(AffineBuffers buffers, Activation activation, Span<float> outputGradient, int batch, int units, int threads)
    {
        int count = batch * units;
        Span<float> gradient = outputGradient.Slice(0, count);
        fixed (float* pre = buffers.PreActivation, output = buffers.Output, g = gradient)
        {
            var work = new ActivationDerivative(pre, output, g, count, activation, buffers.PreActivationIsDerivative);
            ComputeTeam.Run(ref work, (count + ChunkValues - 1) / ChunkValues, count >= SplitFromValues ? threads : 1);
        }
        return gradient;
    }

    /// <summary>dLoss/db = the sum of dLoss/dz over the batch's rows (each column summed in row order, split by columns).</summary>
    public static void BiasGradient(ReadOnlySpan<float> gradient, Span<float> biasGradient, int batch, int threads)
    {
        int n = biasGradient.Length;
        fixed (float* g = gradient, sum = biasGradient)
        {
            var work = new ColumnSums(g, sum, n, batch);
            ComputeTeam.Run(ref work, (n + ColumnSums.Columns - 1) / ColumnSums.Columns, batch * n >= SplitFromValues ? threads : 1);
        }
    }

    /// <summary>Chunk i: rows i·r to i·r + r − 1 of output = f(z + b), and f′(z + b) in z's place when <paramref name="keepDerivative"/>.</summary>
    private readonly struct BiasAndActivation(float* z, float* output, float* bias, int n, int batch, int rowsPerChunk, Activation activation, bool keepDerivative) : IChunkedWork
    {
        public void Run(int chunk)
        {
            var b = new ReadOnlySpan<float>(bias, n);
            for (int row = chunk * rowsPerChunk, end = Math.Min(batch, row + rowsPerChunk); row < end; row++)
            {
                var values = new Span<float>(z + (nint)row * n, n);
                TensorPrimitives.Add(values, b, values);
                var activated = new Span<float>(output + (nint)row * n, n);
                if (keepDerivative) activation.ApplyKeepingDerivative(values, activated, values);
                else activation.Apply(values, activated);
            }
        }
    }

    /// <summary>Chunk i: values i·<see cref="ChunkValues"/> onwards of g ⊙ f'(z), or g ⊙ <paramref name="pre"/> when it holds f′(z) already.</summary>
    private readonly struct ActivationDerivative(float* pre, float* output, float* gradient, int count, Activation activation, bool preIsDerivative) : IChunkedWork
    {
        public void Run(int chunk)
        {
            int start = chunk * ChunkValues, length = Math.Min(ChunkValues, count - start);
            var g = new Span<float>(gradient + start, length);
            if (preIsDerivative)
            {
                TensorPrimitives.Multiply(g, new ReadOnlySpan<float>(pre + start, length), g);
                return;
            }
            activation.Backpropagate(pre is null ? default : new ReadOnlySpan<float>(pre + start, length), new ReadOnlySpan<float>(output + start, length), g);
        }
    }

    /// <summary>Chunk i: the column sums of columns i·<see cref="Columns"/> onwards.</summary>
    private readonly struct ColumnSums(float* gradient, float* sums, int n, int batch) : IChunkedWork
    {
        public const int Columns = 64;

        public void Run(int chunk)
        {
            int first = chunk * Columns, width = Math.Min(Columns, n - first);
            var sum = new Span<float>(sums + first, width);
            sum.Clear();
            for (int row = 0; row < batch; row++) TensorPrimitives.Add(sum, new ReadOnlySpan<float>(gradient + (nint)row * n + first, width), sum);
        }
    }
}

/// <summary>Buffers of a fully connected layer: its output and, when the activation's derivative needs it, the pre-activation.</summary>
/// <param name="outputLength">maxBatch × units.</param>
/// <param name="keepPreActivation">Keep z = x·Wᵀ + b apart from the output (GELU).</param>
internal class AffineBuffers(int outputLength, bool keepPreActivation) : LayerBuffers(outputLength)
{
    /// <summary>z = x·Wᵀ + b, or null when the output buffer holds it until the activation overwrites it.</summary>
    public float[]? PreActivation { get; } = keepPreActivation ? new float[outputLength] : null;

    /// <summary>The layer's weights packed for the product kernels when these are scoring buffers (see <see cref="Network.CreateScoringWorkspace"/>), else null.</summary>
    public Kernels.PackedWeights? PackedWeights { get; init; }

    /// <summary>
    /// True when the last forward pass was a training run's and left f′(z) in <see cref="PreActivation"/> instead of z
    /// (<see cref="AffineActivation.AddBiasAndActivate"/>).
    /// </summary>
    public bool PreActivationIsDerivative { get; set; }

    /// <summary>Where the matrix product goes: the pre-activation buffer, or the output.</summary>
    public Span<float> Affine(int count) => (PreActivation ?? Output).AsSpan(0, count);
}
