using Microsoft.ML;

namespace MlNetNeural.Tabular;

/// <summary>
/// The featurization of a <see cref="TableInference"/> fitted on some training rows (without the label, so it can be
/// saved as the front of a scoring pipeline), the label conversion, and those rows featurized and cached.
/// </summary>
internal sealed class FeaturizedRows
{
    private readonly MLContext _ml;

    private FeaturizedRows(MLContext ml, ITransformer featurizer, ITransformer labelConversion, IDataView training)
    {
        _ml = ml;
        Featurizer = featurizer;
        LabelConversion = labelConversion;
        Training = training;
    }

    /// <summary>The fitted featurization (features only).</summary>
    public ITransformer Featurizer { get; }

    /// <summary>The fitted label conversion into "Label".</summary>
    public ITransformer LabelConversion { get; }

    /// <summary>The training rows with "Features" and "Label", cached.</summary>
    public IDataView Training { get; }

    public static FeaturizedRows Fit(MLContext ml, TableInference inference, IDataView rows)
    {
        var featurizer = new TabularFeaturizer(ml, inference, new TabularFeaturizerOptions { IncludeLabel = false }).Fit(rows);
        var features = featurizer.Transform(rows);
        var label = TabularLabelConversion.Create(ml, inference.Label).Fit(features);
        return new FeaturizedRows(ml, featurizer, label, ml.Data.Cache(label.Transform(features)));
    }

    /// <summary>Other rows (validation, test) through the same fitted steps, cached.</summary>
    public IDataView Apply(IDataView rows) => _ml.Data.Cache(LabelConversion.Transform(Featurizer.Transform(rows)));
}
