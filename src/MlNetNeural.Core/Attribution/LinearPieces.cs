using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Attribution;

/// <summary>
/// Integrated gradients on the linear pieces of the path (<see cref="IntegrationRule.LinearPieces"/>). The network is
/// split into its front, the leading layers whose every output depends on one input feature (log compression, feature
/// scaling, periodic embeddings, dropout), and the rest, which must be piecewise linear. The path is followed in the front's outputs v:
/// straight when the front is affine, otherwise as <see cref="FeatureAttributor.CurvedPathChords"/> straight chords
/// between the images of evenly spaced points of the straight path in the raw features. On each chord the rest is linear
/// between the points where a hidden unit switches; each piece adds length · ∂g/∂v ⊙ Δv, and every output of the front
/// gives its share to the input feature it depends on. The contributions add up exactly to the change of the output
/// (whatever the number of chords); the chords only approximate how it is shared.
/// </summary>
internal sealed class LinearPieces
{
    private readonly float[] _baseline;
    private readonly Network? _front;
    private readonly NetworkWorkspace? _frontWorkspace;
    private readonly int[] _source;
    private readonly PiecewiseLinearPath _path;
    private readonly GradientBatch _batch;
    private readonly int _chords;
    private readonly int _width;
    private readonly float[] _knotRows;
    private readonly double[] _knots;
    private readonly float[] _deltas;
    private readonly float[] _sums;
    private readonly float[] _centres = new float[AttributionSettings.MaxIntegrationSteps];
    private readonly float[] _lengths = new float[AttributionSettings.MaxIntegrationSteps];
    private readonly int[] _chordStart;

    private LinearPieces(float[] baseline, Network? front, int[] source, Network rest, PiecewiseLinearPath path, bool curved, int capacity)
    {
        _baseline = baseline;
        _front = front;
        _source = source;
        _path = path;
        _chords = curved ? FeatureAttributor.CurvedPathChords : 1;
        _width = rest.InputSize;
        _frontWorkspace = front?.CreateWorkspace(_chords + 1);
        _batch = new GradientBatch(rest, capacity);
        _knotRows = new float[(_chords + 1) * baseline.Length];
        _knots = new double[(_chords + 1) * _width];
        _deltas = new float[_chords * _width];
        _sums = new float[_width];
        _chordStart = new int[_chords + 1];
    }

    /// <summary>Linear pieces for <paramref name="network"/>, or null when a layer after the per-feature front is not piecewise linear.</summary>
    public static LinearPieces? TryCreate(Network network, float[] baseline, int capacity)
    {
        var layers = network.Layers;
        int frontCount = 0;
        while (frontCount < layers.Count && layers[frontCount] is LogCompressionLayer or FeatureScalingLayer or PeriodicEmbeddingLayer or DropoutLayer) frontCount++;
        if (frontCount == layers.Count) return null;
        var rest = frontCount == 0 ? network : new Network(layers.Skip(frontCount).ToArray());
        if (PiecewiseLinearPath.TryCreate(rest) is not { } path) return null;
        var front = frontCount == 0 ? null : new Network(layers.Take(frontCount).ToArray());
        bool curved = layers.Take(frontCount).Any(layer => layer is PeriodicEmbeddingLayer or FeatureScalingLayer { ClipBound: > 0f } or LogCompressionLayer { CompressedFeatures.Count: > 0 });
        return new LinearPieces(baseline, front, Sources(layers.Take(frontCount), network.InputSize), rest, path, curved, capacity);
    }

    /// <summary>
    /// Adds the contributions of row <paramref name="x"/> to output <paramref name="output"/> into <paramref name="contributions"/>,
    /// or returns false, leaving them unchanged, when its path has more pieces than <see cref="AttributionSettings.MaxIntegrationSteps"/>.
    /// </summary>
    public bool Attribute(ReadOnlySpan<float> x, int output, Span<float> contributions)
    {
        int features = _baseline.Length;
        for (int knot = 0; knot <= _chords; knot++)
        {
            float alpha = (float)knot / _chords;
            var point = _knotRows.AsSpan(knot * features, features);
            for (int i = 0; i < features; i++) point[i] = _baseline[i] + alpha * (x[i] - _baseline[i]);
        }
        ReadOnlySpan<float> images = _front is null ? _knotRows : _front.Forward(_knotRows, _frontWorkspace!, _chords + 1, ForwardMode.Inference);
        for (int i = 0; i < _knots.Length; i++) _knots[i] = images[i];

        int used = 0;
        for (int chord = 0; chord < _chords; chord++)
        {
            var start = _knots.AsSpan(chord * _width, _width);
            var end = _knots.AsSpan((chord + 1) * _width, _width);
            for (int i = 0; i < _width; i++) _deltas[chord * _width + i] = (float)(end[i] - start[i]);
            _chordStart[chord] = used;
            int pieces = _path.Cut(start, end, _centres.AsSpan(used), _lengths.AsSpan(used));
            if (pieces < 0) return false;
            used += pieces;
        }
        _chordStart[_chords] = used;

        Array.Clear(_sums);
        for (int chord = 0; chord < _chords; chord++)
        {
            var start = _knots.AsSpan(chord * _width, _width);
            var delta = _deltas.AsSpan(chord * _width, _width);
            for (int piece = _chordStart[chord]; piece < _chordStart[chord + 1]; piece++)
            {
                var input = _batch.Add(0, _lengths[piece], chord, output, _sums, _deltas);
                for (int i = 0; i < _width; i++) input[i] = (float)(start[i] + _centres[piece] * delta[i]);
            }
        }
        _batch.Flush(_sums, _deltas);
        for (int i = 0; i < _width; i++) contributions[_source[i]] += _sums[i];
        return true;
    }

    /// <summary>For each output of the front layers, the input feature it depends on.</summary>
    private static int[] Sources(IEnumerable<Layer> front, int inputSize)
    {
        int[] source = Enumerable.Range(0, inputSize).ToArray();
        foreach (var layer in front)
        {
            if (layer is not PeriodicEmbeddingLayer embedding) continue;
            var widened = new int[embedding.OutputSize];
            Array.Copy(source, widened, embedding.InputSize);
            for (int s = 0; s < embedding.EmbeddedFeatures.Count; s++)
                for (int j = 0; j < embedding.EmbeddingSize; j++)
                    widened[embedding.InputSize + s * embedding.EmbeddingSize + j] = source[embedding.EmbeddedFeatures[s]];
            source = widened;
        }
        return source;
    }
}
