using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Threading;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// Per-feature input scaling inside the network: y = g ⊙ c((x − shift) ⊙ scale). The shift and scale are fixed
/// (statistics of the training data, not trained). c is the identity, or with a clip bound b &gt; 0 the smooth clip
/// c(z) = z / √(1 + (z/b)²), which keeps the map strictly increasing but bounds outliers to ±b (the input
/// pre-processing of RealMLP, Holzmüller, Grinsztajn and Steinwart 2024). g is an optional per-feature gain,
/// trained from 1 like RealMLP's scaling layer, so the network can learn how much each feature matters.
/// </summary>
public sealed class FeatureScalingLayer : Layer
{
    private readonly float[] _shift;
    private readonly float[] _scale;
    private readonly Parameter? _gain;

    /// <summary>Creates the layer; the gain, when learnable, starts at 1.</summary>
    /// <param name="shift">Subtracted from each feature; finite.</param>
    /// <param name="scale">Multiplies each shifted feature; finite (0 silences a feature).</param>
    /// <param name="clipBound">The smooth clip's bound b, above 0; 0 for no clipping.</param>
    /// <param name="learnableGain">Add a trained per-feature gain after the clip.</param>
    public FeatureScalingLayer(ReadOnlySpan<float> shift, ReadOnlySpan<float> scale, float clipBound = 0f, bool learnableGain = false)
        : base(shift.Length, shift.Length)
    {
        if (scale.Length != shift.Length)
            throw new ArgumentException($"There are {shift.Length} shifts but {scale.Length} scales; give one of each per feature.", nameof(scale));
        CheckFinite(shift, nameof(shift));
        CheckFinite(scale, nameof(scale));
        if (!(float.IsFinite(clipBound) && clipBound >= 0f))
            throw new ArgumentOutOfRangeException(nameof(clipBound), clipBound, "The clip bound must be a finite number above 0, or 0 for no clipping.");
        _shift = shift.ToArray();
        _scale = scale.ToArray();
        ClipBound = clipBound;
        if (learnableGain)
        {
            _gain = new Parameter("scaling.gain", shift.Length, isWeightMatrix: false);
            _gain.Values.AsSpan().Fill(1f);
        }
    }

    /// <summary>Subtracted from each feature.</summary>
    public ReadOnlySpan<float> Shift => _shift;

    /// <summary>Multiplies each shifted feature.</summary>
    public ReadOnlySpan<float> Scale => _scale;

    /// <summary>The smooth clip's bound, or 0 when the layer does not clip.</summary>
    public float ClipBound { get; }

    /// <summary>The trained per-feature gain, or null when the layer has none.</summary>
    public Parameter? Gain => _gain;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => _gain is null ? [] : [_gain];

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture,
        $"feature scaling of {InputSize} inputs{(ClipBound > 0f ? $", smooth clip at ±{ClipBound}" : "")}{(_gain is null ? "" : ", learnable gain")}");

    /// <summary>Kind byte 3: int32 size, float32 clip bound, byte flags (1 = learnable gain), shifts, scales, then gains when learnable.</summary>
    internal static LayerFormat FileFormat { get; } = new(3, "feature scaling", Read);

    /// <inheritdoc />
    internal override LayerFormat Format => FileFormat;

    /// <inheritdoc />
    internal override void WriteFields(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write(ClipBound);
        writer.Write((byte)(_gain is null ? 0 : 1));
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_shift.AsSpan()));
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_scale.AsSpan()));
        if (_gain is not null) writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_gain.Values.AsSpan()));
    }

    private static FeatureScalingLayer Read(ref NetworkReader reader, int index)
    {
        int size = reader.ReadInt32($"size of layer {index}");
        reader.RequireFloats(size, 2, $"shifts and scales of layer {index}");
        float clipBound = reader.ReadSingle($"clip bound of layer {index}");
        byte flags = reader.ReadByte($"flags of layer {index}");
        if (flags > 1) throw new InvalidNetworkFileException($"The network data is corrupt: feature-scaling layer {index} has flags {flags}.");
        float[] shift = reader.ReadSingles(size, $"shifts of layer {index}");
        float[] scale = reader.ReadSingles(size, $"scales of layer {index}");
        try
        {
            var layer = new FeatureScalingLayer(shift, scale, clipBound, learnableGain: flags == 1);
            if (layer._gain is { } gain) reader.ReadSingles(gain.Values, $"gains of layer {index}");
            return layer;
        }
        catch (ArgumentException e)
        {
            throw new InvalidNetworkFileException($"The network data is corrupt in layer {index}: {e.Message}");
        }
    }

    /// <inheritdoc />
    public override LayerBuffers CreateBuffers(int maxBatch) => new ScalingBuffers(maxBatch * OutputSize, keepClipped: _gain is not null);

    /// <inheritdoc />
    public override unsafe void Forward(ReadOnlySpan<float> input, LayerBuffers buffers, int batch, ForwardMode mode)
    {
        var scaling = (ScalingBuffers)buffers;
        int n = OutputSize, rowsPerChunk = Math.Max(1, AffineActivation.ChunkValues / n);
        fixed (float* x = input, output = scaling.Output, clipped = scaling.Clipped)
        {
            var work = new ScaleRows(this, x, clipped, output, n, batch, rowsPerChunk);
            ComputeTeam.Run(ref work, (batch + rowsPerChunk - 1) / rowsPerChunk, batch * n >= AffineActivation.SplitFromValues ? mode.Threads : 1);
        }
    }

    /// <summary>Chunk i: rows i·r to i·r + r − 1 (each row's values get the same operations whichever thread runs it).</summary>
    private readonly unsafe struct ScaleRows(FeatureScalingLayer layer, float* input, float* clipped, float* output, int n, int batch, int rowsPerChunk) : IChunkedWork
    {
        public void Run(int chunk)
        {
            for (int row = chunk * rowsPerChunk, end = Math.Min(batch, row + rowsPerChunk); row < end; row++)
            {
                nint start = (nint)row * n;
                layer.ScaleRow(new ReadOnlySpan<float>(input + start, n), clipped is null ? default : new Span<float>(clipped + start, n),
                    new Span<float>(output + start, n));
            }
        }
    }

    /// <summary>
    /// One row of y = g ⊙ c((x − shift) ⊙ scale) in one vectorized pass, also writing c(…) into <paramref name="clipped"/>
    /// when it is not empty (the gain's gradient reads it). Each value gets the operations of the scalar definition in the
    /// same order (no fused multiply-add), each rounded once, so a value's bits do not depend on whether the vector loop or
    /// the scalar tail computes it (the backward pass recomputes (x − shift) ⊙ scale the same way).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScaleRow(ReadOnlySpan<float> x, Span<float> clipped, Span<float> output)
    {
        bool clip = ClipBound > 0f, keepClipped = !clipped.IsEmpty;
        float inverseBound = clip ? 1f / ClipBound : 0f;
        ReadOnlySpan<float> gain = _gain is null ? default : _gain.Values;
        int n = x.Length, j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vInverseBound = new Vector<float>(inverseBound);
            for (; j <= n - Vector<float>.Count; j += Vector<float>.Count)
            {
                var value = (new Vector<float>(x.Slice(j)) - new Vector<float>(_shift, j)) * new Vector<float>(_scale, j);
                if (clip)
                {
                    var ratio = value * vInverseBound;
                    value /= Vector.SquareRoot(Vector<float>.One + ratio * ratio);
                }
                if (keepClipped) value.CopyTo(clipped.Slice(j));
                if (!gain.IsEmpty) value *= new Vector<float>(gain.Slice(j));
                value.CopyTo(output.Slice(j));
            }
        }
        for (; j < n; j++)
        {
            float value = (x[j] - _shift[j]) * _scale[j];
            if (clip)
            {
                float ratio = value * inverseBound;
                value /= MathF.Sqrt(1f + ratio * ratio);
            }
            if (keepClipped) clipped[j] = value;
            if (!gain.IsEmpty) value *= gain[j];
            output[j] = value;
        }
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        var scaling = (ScalingBuffers)buffers;
        int n = OutputSize;
        if (_gain is not null)
        {
            Span<float> gainGradient = _gain.Gradient;
            gainGradient.Clear();
            for (int row = 0; row < batch; row++)
                TensorPrimitives.MultiplyAdd(outputGradient.Slice(row * n, n), scaling.Clipped.AsSpan(row * n, n), gainGradient, gainGradient);
        }
        if (inputGradient.IsEmpty) return;
        for (int row = 0; row < batch; row++)
        {
            var gradient = inputGradient.Slice(row * n, n);
            outputGradient.Slice(row * n, n).CopyTo(gradient);
            if (_gain is not null) TensorPrimitives.Multiply(gradient, _gain.Values, gradient);
            if (ClipBound > 0f)
            {
                var x = input.Slice(row * n, n);
                for (int j = 0; j < n; j++) gradient[j] *= SmoothClipDerivative((x[j] - _shift[j]) * _scale[j]);
            }
            TensorPrimitives.Multiply(gradient, _scale, gradient);
        }
    }

    /// <summary>c'(z) = (1 + (z/b)²)^(−3/2).</summary>
    private float SmoothClipDerivative(float scaled)
    {
        float ratio = scaled / ClipBound;
        float root = MathF.Sqrt(1f + ratio * ratio);
        return 1f / (root * root * root);
    }

    private static void CheckFinite(ReadOnlySpan<float> values, string name)
    {
        int j = Kernels.FiniteValues.IndexOfNonFinite(values);
        if (j >= 0) throw new ArgumentException($"Value {j} of the {name} is {values[j]}; feature scaling needs finite numbers.", name);
    }

    private sealed class ScalingBuffers(int length, bool keepClipped) : LayerBuffers(length)
    {
        /// <summary>The clipped values before the gain, kept when the gain's gradient is needed.</summary>
        public float[]? Clipped { get; } = keepClipped ? new float[length] : null;
    }
}

/// <summary>Per-feature scaling as the first layer (see <see cref="FeatureScalingLayer"/>).</summary>
/// <param name="Shift">Subtracted from each feature.</param>
/// <param name="Scale">Multiplies each shifted feature.</param>
/// <param name="ClipBound">The smooth clip's bound; 0 for none.</param>
/// <param name="LearnableGain">Train a per-feature gain after the clip.</param>
public sealed record FeatureScalingSpec(float[] Shift, float[] Scale, float ClipBound = 0f, bool LearnableGain = false) : LayerSpec
{
    /// <inheritdoc />
    public override Layer Build(int inputSize, int index, DeterministicRandom random)
    {
        if (Shift.Length != inputSize)
            throw new ArgumentException($"Layer {index} scales {Shift.Length} features but receives {inputSize}.", nameof(Shift));
        return new FeatureScalingLayer(Shift, Scale, ClipBound, LearnableGain);
    }

    /// <inheritdoc />
    public override LayerSize SizeFor(int inputSize) => new(inputSize, LearnableGain ? inputSize : 0);
}
