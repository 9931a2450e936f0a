using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Attribution;

/// <summary>
/// Integrated gradients on the linear pieces of the path (<see cref="IntegrationRule.LinearPieces"/>). A network whose
/// first layer is a feature scaling is followed in the scaled features u, where the rest of the network is piecewise
/// linear: without a clip the scaling is affine, so the straight path stays straight; with a smooth clip it bends, and is
/// followed as <see cref="FeatureAttributor.ClippedPathChords"/> straight chords between points of the true path. On
/// each chord the contribution of feature i is Σ over pieces of length · ∂g/∂uᵢ · Δuᵢ, which adds up exactly to the
/// change of the output (whatever the number of chords); the chords only approximate how it is shared.
/// </summary>
internal sealed class LinearPieces
{
    private readonly FeatureScalingLayer? _front;
    private readonly PiecewiseLinearPath _path;
    private readonly int _chords;
    private readonly int _features;
    private readonly double[] _knots;
    private readonly float[] _deltas;
    private readonly float[] _centres = new float[AttributionSettings.MaxIntegrationSteps];
    private readonly float[] _lengths = new float[AttributionSettings.MaxIntegrationSteps];
    private readonly int[] _chordStart;

    private LinearPieces(FeatureScalingLayer? front, Network network, PiecewiseLinearPath path, int capacity)
    {
        _front = front;
        Network = network;
        Workspace = network.CreateWorkspace(capacity);
        _path = path;
        _chords = front is { ClipBound: > 0f } ? FeatureAttributor.ClippedPathChords : 1;
        _features = network.InputSize;
        _knots = new double[(_chords + 1) * _features];
        _deltas = new float[_chords * _features];
        _chordStart = new int[_chords + 1];
    }

    /// <summary>The layers whose input the points are: the network after its feature scaling, or the whole network.</summary>
    public Network Network { get; }

    /// <summary>Working memory of <see cref="Network"/> for a batch of points.</summary>
    public NetworkWorkspace Workspace { get; }

    /// <summary>Linear pieces for <paramref name="network"/>, or null when a layer after the optional feature scaling is not piecewise linear.</summary>
    public static LinearPieces? TryCreate(Network network, int capacity)
    {
        var front = network.Layers.Count > 1 ? network.Layers[0] as FeatureScalingLayer : null;
        var rest = front is null ? network : new Network(network.Layers.Skip(1).ToArray());
        return PiecewiseLinearPath.TryCreate(rest) is { } path ? new LinearPieces(front, rest, path, capacity) : null;
    }

    /// <summary>
    /// Cuts the path from <paramref name="baseline"/> to <paramref name="row"/> and returns the number of chords, or null
    /// when it has more pieces than <see cref="AttributionSettings.MaxIntegrationSteps"/> (quadrature is used then).
    /// </summary>
    public int? Cut(ReadOnlySpan<float> baseline, ReadOnlySpan<float> row)
    {
        for (int knot = 0; knot <= _chords; knot++)
        {
            double alpha = (double)knot / _chords;
            var point = _knots.AsSpan(knot * _features, _features);
            for (int i = 0; i < _features; i++) point[i] = Scaled(i, baseline[i] + alpha * ((double)row[i] - baseline[i]));
        }
        int used = 0;
        for (int chord = 0; chord < _chords; chord++)
        {
            var start = _knots.AsSpan(chord * _features, _features);
            var end = _knots.AsSpan((chord + 1) * _features, _features);
            for (int i = 0; i < _features; i++) _deltas[chord * _features + i] = (float)(end[i] - start[i]);
            _chordStart[chord] = used;
            int pieces = _path.Cut(start, end, _centres.AsSpan(used), _lengths.AsSpan(used));
            if (pieces < 0) return null;
            used += pieces;
        }
        _chordStart[_chords] = used;
        return _chords;
    }

    /// <summary>The change of the scaled features along <paramref name="chord"/>.</summary>
    public ReadOnlySpan<float> Delta(int chord) => _deltas.AsSpan(chord * _features, _features);

    /// <summary>The centres of the pieces of <paramref name="chord"/>, as positions in [0, 1] along it.</summary>
    public ReadOnlySpan<float> Centres(int chord) => _centres.AsSpan(_chordStart[chord], _chordStart[chord + 1] - _chordStart[chord]);

    /// <summary>The lengths of the pieces of <paramref name="chord"/> (they sum to 1).</summary>
    public ReadOnlySpan<float> Lengths(int chord) => _lengths.AsSpan(_chordStart[chord], _chordStart[chord + 1] - _chordStart[chord]);

    /// <summary>Writes the point at position <paramref name="t"/> of <paramref name="chord"/> (an input of <see cref="Network"/>).</summary>
    public void WritePoint(int chord, float t, Span<float> destination)
    {
        var start = _knots.AsSpan(chord * _features, _features);
        var end = _knots.AsSpan((chord + 1) * _features, _features);
        for (int i = 0; i < _features; i++) destination[i] = (float)(start[i] + t * (end[i] - start[i]));
    }

    /// <summary>Feature <paramref name="i"/> of <paramref name="x"/> after the feature scaling: g·c((x − shift)·scale), or x without one.</summary>
    private double Scaled(int i, double x)
    {
        if (_front is null) return x;
        double z = (x - _front.Shift[i]) * _front.Scale[i];
        if (_front.ClipBound > 0f)
        {
            double ratio = z / _front.ClipBound;
            z /= Math.Sqrt(1 + ratio * ratio);
        }
        return _front.Gain is { } gain ? z * gain.Values[i] : z;
    }
}
