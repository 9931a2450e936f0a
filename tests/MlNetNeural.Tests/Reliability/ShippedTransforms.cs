using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Trainers;
using MlNetNeural.Uncertainty;

namespace MlNetNeural.Tests.Reliability;

/// <summary>
/// Every transform the package ships, fitted once on small seeded data, by name: the MLP scorers of the three tasks and
/// Monte-Carlo dropout over both classifiers. Tests that must hold for every transform (single-pass sources, shuffled
/// cursors, cursor sets) take <see cref="Names"/>; a new transform (e.g. explanations) is added here once.
/// </summary>
public sealed class ShippedTransforms
{
    public const int FeatureCount = 6;
    public const int RowCount = 200;

    public ShippedTransforms()
    {
        Ml = new MLContext(seed: 1);
        Rows = CreateRows(RowCount, seed: 5);
        var data = Ml.Data.LoadFromEnumerable(Rows);
        var binary = Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 2, HiddenLayers = [8], Dropout = 0.2f, Seed = 1 }).Fit(data);
        var keyed = Ml.Transforms.Conversion.MapValueToKey("KindKey", nameof(ScoringRow.Kind)).Fit(data).Transform(data);
        var multiclass = Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options
        {
            LabelColumnName = "KindKey", MaxEpochs = 2, HiddenLayers = [8], Dropout = 0.2f, Seed = 1,
        }).Fit(keyed);
        var regression = Ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options
        {
            LabelColumnName = nameof(ScoringRow.Target), MaxEpochs = 2, HiddenLayers = [8], Seed = 1,
        }).Fit(data);
        ByName = new Dictionary<string, ITransformer>
        {
            ["Mlp binary"] = binary,
            ["Mlp multiclass"] = multiclass,
            ["Mlp regression"] = regression,
            ["Monte-Carlo dropout binary"] = binary.WithMonteCarloDropout(passes: 4, seed: 2),
            ["Monte-Carlo dropout multiclass"] = multiclass.WithMonteCarloDropout(passes: 4, seed: 2),
        };
    }

    /// <summary>The names of <see cref="ByName"/>, for theories.</summary>
    public static TheoryData<string> Names() =>
        ["Mlp binary", "Mlp multiclass", "Mlp regression", "Monte-Carlo dropout binary", "Monte-Carlo dropout multiclass"];

    public MLContext Ml { get; }

    /// <summary>The rows the transforms were fitted on (and that the tests score).</summary>
    public IReadOnlyList<ScoringRow> Rows { get; }

    public IReadOnlyDictionary<string, ITransformer> ByName { get; }

    /// <summary>Seeded rows: Id, 6 features in [-2, 2], a Boolean label, a regression target and one of three kinds.</summary>
    public static ScoringRow[] CreateRows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(id =>
        {
            var features = Enumerable.Range(0, FeatureCount).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            return new ScoringRow
            {
                Id = id, Features = features, Label = features[0] + features[1] > 0, Target = features[2] * 3 - features[3],
                Kind = (features[4] > 0.5f ? "a" : features[4] > -0.5f ? "b" : "c"),
            };
        }).ToArray();
    }

    /// <summary>The columns <paramref name="transform"/> adds to <paramref name="data"/> (new names), with the row's Id first.</summary>
    public static string[] OutputColumns(ITransformer transform, IDataView data) =>
        [nameof(ScoringRow.Id), .. transform.GetOutputSchema(data.Schema).Where(c => !c.IsHidden && data.Schema.GetColumnOrNull(c.Name) is null).Select(c => c.Name)];
}

/// <summary>One row of the data <see cref="ShippedTransforms"/> fits and scores.</summary>
public sealed class ScoringRow
{
    public int Id { get; set; }

    [VectorType(ShippedTransforms.FeatureCount)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Target { get; set; }

    public string Kind { get; set; } = "";

    /// <summary>The same Id with other features: what a source that changes between passes hands out on later passes.</summary>
    public ScoringRow WithOtherFeatures() => new() { Id = Id, Features = Features.Select(f => -f - 1f).ToArray(), Label = Label, Target = Target, Kind = Kind };
}
