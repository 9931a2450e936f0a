namespace MlNetNeural.Onnx;

/// <summary>
/// A per-feature affine pre-transform applied to the input before the first layer:
/// <c>x'[j] = (x[j] - offset[j]) * scale[j]</c>, the form of ML.NET's affine normalizers
/// (<c>NormalizeMinMax</c>, <c>NormalizeMeanVariance</c>, ...).
/// </summary>
/// <remarks>
/// Exported as <c>Sub</c> (only when an offset is given and not all zero) followed by <c>Mul</c>. The arrays are used as
/// given and checked when the model is written.
/// </remarks>
public sealed class OnnxInputNormalization
{
    /// <summary>Creates the pre-transform.</summary>
    /// <param name="scale">Per-feature scale, one value per feature.</param>
    /// <param name="offset">Per-feature offset, one value per feature; <see langword="null"/> or empty means all zero
    /// (ML.NET's <c>AffineNormalizerModelParameters.Offset</c> is empty when every offset is zero, so it can be passed
    /// as it is).</param>
    /// <exception cref="ArgumentNullException"><paramref name="scale"/> is null.</exception>
    public OnnxInputNormalization(float[] scale, float[]? offset = null)
    {
        ArgumentNullException.ThrowIfNull(scale);
        Scale = scale;
        Offset = offset is { Length: 0 } ? null : offset;
    }

    /// <summary>Per-feature scale.</summary>
    public float[] Scale { get; }

    /// <summary>Per-feature offset subtracted before scaling; <see langword="null"/> means all zero.</summary>
    public float[]? Offset { get; }

    /// <summary>The same map as a scaling layer (shift = offset), which writes its nodes.</summary>
    internal OnnxFeatureScalingLayer AsLayer() => new(Offset ?? new float[Scale.Length], Scale);
}
