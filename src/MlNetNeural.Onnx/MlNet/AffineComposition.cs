using System.Collections.Immutable;

namespace MlNetNeural.Onnx.MlNet;

/// <summary>
/// Composes consecutive per-feature affine maps <c>y = (x - offset) * scale</c> (ML.NET's affine normalizer form) into
/// one map of the same form, in double precision. A single map comes out exactly as given.
/// </summary>
internal sealed class AffineComposition
{
    private readonly double[] _offset;
    private readonly double[] _scale;

    public AffineComposition(int featureCount)
    {
        _offset = new double[featureCount];
        _scale = Enumerable.Repeat(1.0, featureCount).ToArray();
    }

    /// <summary>How many maps have been composed.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Applies <c>(y - offset) * scale</c> after the maps so far. <paramref name="offset"/> may be empty (all zero,
    /// as ML.NET stores it). Composition: <c>((x - o1) * s1 - o2) * s2 = (x - (o1 + o2 / s1)) * (s1 * s2)</c>.
    /// </summary>
    /// <returns>Null on success; otherwise the index of a feature whose composition has no (x - offset) * scale form
    /// (a zero scale followed by a non-zero offset makes a non-zero constant).</returns>
    public int? Then(ImmutableArray<float> scale, ImmutableArray<float> offset)
    {
        for (int j = 0; j < _scale.Length; j++)
        {
            double nextOffset = offset.IsDefaultOrEmpty ? 0 : offset[j];
            if (_scale[j] != 0)
                _offset[j] += nextOffset / _scale[j];
            else if (nextOffset * scale[j] != 0)
                return j;
            _scale[j] *= scale[j];
        }
        Count++;
        return null;
    }

    /// <summary>The composed map for the exporter, or null when nothing was composed.</summary>
    public OnnxInputNormalization? ToInputNormalization()
    {
        if (Count == 0)
            return null;
        float[] offset = _offset.Select(value => (float)value).ToArray();
        return new OnnxInputNormalization(
            _scale.Select(value => (float)value).ToArray(),
            offset.All(value => value == 0) ? null : offset);
    }
}
