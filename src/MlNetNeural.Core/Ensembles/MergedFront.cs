using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Ensembles;

/// <summary>
/// The shared front of a merged ensemble (the layers before the first dense layer): one log compression, one input scaling without gain, the
/// dropout layers, and the periodic embeddings with every member's frequencies side by side. It also says where each
/// member's first dense layer finds its inputs in the merged front's output, and by what factor they are scaled: a
/// member's learnable gain g multiplies its scaled, clipped feature c linearly (y = g·c), so the merged front passes c on
/// and the member's first dense layer (for the feature itself) and its embedding frequencies (for cos(2π·w·g·c + b)) take g.
/// </summary>
internal sealed class MergedFront
{
    private readonly List<Layer> _layers = [];
    private readonly float[]?[] _gains;
    private readonly int _features;
    private readonly int _embeddingSize;
    private readonly int _memberCount;

    /// <summary>Merges the layers before position <paramref name="firstDense"/> (checked by <see cref="EnsembleShape"/>).</summary>
    public MergedFront(IReadOnlyList<Network> members, int firstDense)
    {
        _memberCount = members.Count;
        _features = members[0].InputSize;
        _gains = new float[]?[members.Count];
        int width = _features;
        for (int i = 0; i < firstDense; i++)
        {
            switch (members[0].Layers[i])
            {
                case LogCompressionLayer compression:
                    _layers.Add(new LogCompressionLayer(compression.Scales));
                    break;
                case FeatureScalingLayer scaling:
                    _layers.Add(new FeatureScalingLayer(scaling.Shift, scaling.Scale, scaling.ClipBound));
                    for (int r = 0; r < members.Count; r++) _gains[r] = ((FeatureScalingLayer)members[r].Layers[i]).Gain?.Values;
                    break;
                case DropoutLayer dropout:
                    _layers.Add(new DropoutLayer(width, dropout.Rate));
                    break;
                case PeriodicEmbeddingLayer embedding:
                    _embeddingSize = embedding.EmbeddingSize;
                    _layers.Add(MergeEmbeddings(NetworkEnsemble.LayersAt<PeriodicEmbeddingLayer>(members, i)));
                    break;
            }
            width = _layers[^1].OutputSize;
        }
        OutputSize = width;
    }

    /// <summary>The merged front layers, input side first (none when the members start with a dense layer).</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Values per row the front gives the first dense layer.</summary>
    public int OutputSize { get; }

    /// <summary>
    /// Where input <paramref name="column"/> of member <paramref name="member"/>'s first dense layer is in the merged front's
    /// output, and the factor its weight takes there (the member's gain for a feature, 1 for an embedding value).
    /// </summary>
    public (int Column, double Factor) ColumnOf(int member, int column)
    {
        if (column < _features) return (column, _gains[member] is { } gain ? gain[column] : 1.0);
        int embedded = (column - _features) / _embeddingSize, value = (column - _features) % _embeddingSize;
        return (_features + (embedded * _memberCount + member) * _embeddingSize + value, 1.0);
    }

    /// <summary>
    /// Per embedded feature s: the members' k frequencies (each times the member's gain for the feature) and phases side by
    /// side, k·K in all, and a block-diagonal linear map whose d outputs of member r read only member r's k cosines.
    /// </summary>
    private PeriodicEmbeddingLayer MergeEmbeddings(PeriodicEmbeddingLayer[] layers)
    {
        var first = layers[0];
        int members = layers.Length, m = first.EmbeddedFeatures.Count, k = first.Frequencies, d = first.EmbeddingSize;
        int kAll = checked(k * members), dAll = checked(d * members);
        var merged = new PeriodicEmbeddingLayer(first.InputSize, first.EmbeddedFeatures, kAll, dAll, first.LearningRateFactor);
        float[] frequencies = merged.FrequencyValues.Values, phases = merged.Phases.Values, weights = merged.Weights.Values, bias = merged.Bias.Values;
        for (int r = 0; r < members; r++)
        {
            var layer = layers[r];
            for (int s = 0; s < m; s++)
            {
                float gain = _gains[r] is { } gains ? gains[first.EmbeddedFeatures[s]] : 1f;
                for (int f = 0; f < k; f++)
                {
                    frequencies[s * kAll + r * k + f] = layer.FrequencyValues.Values[s * k + f] * gain;
                    phases[s * kAll + r * k + f] = layer.Phases.Values[s * k + f];
                }
                for (int o = 0; o < d; o++)
                {
                    int output = s * dAll + r * d + o;
                    bias[output] = layer.Bias.Values[s * d + o];
                    layer.Weights.Values.AsSpan((s * d + o) * k, k).CopyTo(weights.AsSpan(output * kAll + r * k, k));
                }
            }
        }
        return merged;
    }
}
