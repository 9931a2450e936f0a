using System.Globalization;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// Fixed per-feature log compression of long-tailed features: y = sign(x)·ln(1 + |x|/s) for a feature with scale s &gt; 0,
/// y = x for a feature with scale 0. For x ≥ 0 it is log1p(x/s), the log transform statisticians apply to amounts,
/// counts and frequencies (Hastie, Tibshirani and Friedman, The Elements of Statistical Learning, 2nd ed., section 9.1.2,
/// log-transform the spam features); the odd extension keeps it defined, strictly increasing and smooth for any finite
/// input, so a value below the training range still scores. Its derivative is 1/(s + |x|). It stands in front of the
/// input scaling, which is then fitted on the compressed values: without it, the robust scaling and smooth clip squash
/// the whole long tail of such a feature into a narrow band and lose its order there. The scales are statistics of the
/// training rows (see <see cref="Training.SkewedFeatureFit"/>), not trained.
/// </summary>
/// <remarks>
/// Computed in double precision and rounded once to float: |x|/s cannot overflow a double for any finite float x and
/// s, and the float result is the correctly rounded value up to the rare double rounding tie, so an exported graph that
/// computes the same way (docs/onnx.md) agrees with it to the last bit, even where the input scaling after it
/// amplifies the compressed values' rounding (a feature with a narrow relative spread).
/// </remarks>
public sealed class LogCompressionLayer : Layer
{
    private readonly float[] _scales;
    private readonly int[] _compressed;

    /// <summary>Creates the layer.</summary>
    /// <param name="scales">Per feature: the scale s, finite and above 0, or 0 to leave the feature as it is.</param>
    public LogCompressionLayer(ReadOnlySpan<float> scales)
        : base(scales.Length, scales.Length)
    {
        for (int j = 0; j < scales.Length; j++)
        {
            if (!(float.IsFinite(scales[j]) && scales[j] >= 0f))
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Scale {j} is {scales[j]}; a log-compression scale must be a finite number above 0, or 0 to leave the feature as it is."),
                    nameof(scales));
        }
        _scales = scales.ToArray();
        _compressed = CompressedOf(_scales);
    }

    /// <summary>Per feature, the scale s (0 for a feature left as it is).</summary>
    public ReadOnlySpan<float> Scales => _scales;

    /// <summary>The features the layer compresses (scale above 0), increasing.</summary>
    public IReadOnlyList<int> CompressedFeatures => _compressed;

    /// <summary>The features that <paramref name="scales"/> compress (scale above 0), increasing.</summary>
    internal static int[] CompressedOf(ReadOnlySpan<float> scales)
    {
        var compressed = new List<int>();
        for (int j = 0; j < scales.Length; j++) if (scales[j] > 0f) compressed.Add(j);
        return [.. compressed];
    }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture,
        $"log compression of {_compressed.Length} of {InputSize} features");

    /// <summary>Kind byte 7: int32 size, then the size float32 scales.</summary>
    internal static LayerFormat FileFormat { get; } = new(7, "log compression", Read);

    /// <inheritdoc />
    internal override LayerFormat Format => FileFormat;

    /// <inheritdoc />
    internal override void WriteFields(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_scales.AsSpan()));
    }

    private static LogCompressionLayer Read(ref NetworkReader reader, int index)
    {
        int size = reader.ReadInt32($"size of layer {index}");
        if (size < 1) throw new InvalidNetworkFileException($"The network data is corrupt: log-compression layer {index} has {size} features.");
        reader.RequireFloats(size, 1, $"scales of layer {index}");
        float[] scales = reader.ReadSingles(size, $"scales of layer {index}");
        try
        {
            return new LogCompressionLayer(scales);
        }
        catch (ArgumentException e)
        {
            throw new InvalidNetworkFileException($"The network data is corrupt in layer {index}: {e.Message}");
        }
    }

    /// <summary>sign(x)·ln(1 + |x|/s) for s &gt; 0, x for s = 0, computed as the layer computes it (see the remarks).</summary>
    /// <param name="x">A finite value.</param>
    /// <param name="scale">The scale s, 0 or above.</param>
    public static float Compress(float x, float scale) => scale > 0f ? MathF.CopySign((float)Math.Log(1.0 + Math.Abs((double)x) / scale), x) : x;

    /// <inheritdoc />
    public override LayerBuffers CreateBuffers(int maxBatch) => new(maxBatch * OutputSize);

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, LayerBuffers buffers, int batch, ForwardMode mode)
    {
        int n = OutputSize;
        input[..(batch * n)].CopyTo(buffers.Output);
        for (int row = 0; row < batch; row++)
        {
            var x = input.Slice(row * n, n);
            var y = buffers.Output.AsSpan(row * n, n);
            foreach (int j in _compressed) y[j] = Compress(x[j], _scales[j]);
        }
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        if (inputGradient.IsEmpty) return;
        int n = OutputSize;
        outputGradient[..(batch * n)].CopyTo(inputGradient);
        for (int row = 0; row < batch; row++)
        {
            var x = input.Slice(row * n, n);
            var gradient = inputGradient.Slice(row * n, n);
            foreach (int j in _compressed) gradient[j] /= _scales[j] + MathF.Abs(x[j]);
        }
    }
}

/// <summary>Log compression of long-tailed features as the first layer (see <see cref="LogCompressionLayer"/>).</summary>
/// <param name="Scales">Per feature, the scale s above 0, or 0 to leave the feature as it is.</param>
public sealed record LogCompressionSpec(float[] Scales) : LayerSpec
{
    /// <inheritdoc />
    public override Layer Build(int inputSize, int index, DeterministicRandom random)
    {
        if (Scales.Length != inputSize)
            throw new ArgumentException($"Layer {index} log-compresses {Scales.Length} features but receives {inputSize}.", nameof(Scales));
        return new LogCompressionLayer(Scales);
    }

    /// <inheritdoc />
    public override LayerSize SizeFor(int inputSize) => new(inputSize, 0);

    /// <summary>The features with a scale above 0 (those the layer compresses).</summary>
    public IReadOnlyList<int> CompressedFeatures => LogCompressionLayer.CompressedOf(Scales);

    /// <summary>Feature <paramref name="feature"/>'s value <paramref name="x"/> as the layer passes it on.</summary>
    /// <param name="feature">The feature's index.</param>
    /// <param name="x">Its raw value.</param>
    public float Apply(int feature, float x) => LogCompressionLayer.Compress(x, Scales[feature]);
}
