using MlNetNeural.Core.Layers;

namespace MlNetNeural.Reports.Plots;

/// <summary>The first dense layer of a network and the units worth drawing: those with the largest weight vectors.</summary>
internal sealed class FirstLayerWeights
{
    private FirstLayerWeights(DenseLayer layer, bool scaledInputs, bool embedded, int compressed, int[] units)
    {
        CompressedFeatures = compressed;
        Layer = layer;
        ScaledInputs = scaledInputs;
        Embedded = embedded;
        Units = units;
    }

    /// <summary>The first dense layer.</summary>
    public DenseLayer Layer { get; }

    /// <summary>True when a feature-scaling or log-compression layer comes before it, so its weights act on scaled features.</summary>
    public bool ScaledInputs { get; }

    /// <summary>
    /// True when periodic embeddings come before it: its first inputs are the features themselves (their weights are the
    /// ones drawn), the others the features' embeddings.
    /// </summary>
    public bool Embedded { get; }

    /// <summary>Features a log-compression layer in front of it compresses (0 when there is none).</summary>
    public int CompressedFeatures { get; }

    /// <summary>Sentences for captions about what the drawn weights act on and leave out, or an empty string.</summary>
    public string Note =>
        (CompressedFeatures > 0 ? $" {CompressedFeatures} long-tailed feature{(CompressedFeatures == 1 ? " enters" : "s enter")} log-compressed (ln(1 + x/s)) before the scaling." : "") +
        (Embedded ? " The layer also reads periodic embeddings of the numeric features; only the weights on the features themselves are drawn." : "");

    /// <summary>The units shown, by decreasing L2 norm of their weights, then in unit order.</summary>
    public int[] Units { get; }

    /// <summary>Total units of the layer.</summary>
    public int UnitCount => Layer.OutputSize;

    /// <summary>The weight of <paramref name="unit"/> on input <paramref name="input"/>.</summary>
    public float Weight(int unit, int input) => Layer.Weights.Values[unit * Layer.InputSize + input];

    /// <summary>The first dense layer of <paramref name="network"/> and its <paramref name="maxUnits"/> units with the largest weight norms.</summary>
    public static FirstLayerWeights Of(Network network, int maxUnits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUnits, 1);
        int index = network.Layers.ToList().FindIndex(layer => layer is DenseLayer);
        var layer = (DenseLayer)network.Layers[index];
        bool scaled = network.Layers.Take(index).Any(l => l is FeatureScalingLayer or LogCompressionLayer);
        int compressed = network.Layers.Take(index).OfType<LogCompressionLayer>().Sum(l => l.CompressedFeatures.Count);
        bool embedded = network.Layers.Take(index).Any(l => l is PeriodicEmbeddingLayer);
        int inputs = layer.InputSize;
        double Norm(int unit) => Math.Sqrt(layer.Weights.Values.AsSpan(unit * inputs, inputs).ToArray().Sum(w => (double)w * w));
        int[] units = Enumerable.Range(0, layer.OutputSize).OrderByDescending(Norm).ThenBy(unit => unit).Take(maxUnits).Order().ToArray();
        return new FirstLayerWeights(layer, scaled, embedded, compressed, units);
    }
}
