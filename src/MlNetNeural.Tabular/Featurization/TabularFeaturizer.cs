using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetNeural.Tabular;

/// <summary>
/// The featurization of a <see cref="TableInference"/> as one ML.NET estimator, to put in front of any trainer:
/// numeric columns concatenated, missing values replaced (training mean) with a Single 0/1 indicator per column
/// that has missing values in the training rows; categorical columns one-hot encoded (or hashed); text columns
/// as hashed word and character n-grams (<see cref="TextFeatures"/>); all concatenated into <see cref="TabularFeaturizerOptions.FeatureColumnName"/>;
/// the label converted for the task (Boolean for binary, a key with the classes in
/// <see cref="LabelDecision.Classes"/> order for multiclass, Single for regression) into
/// <see cref="TabularFeaturizerOptions.LabelColumnName"/> (unless <see cref="TabularFeaturizerOptions.IncludeLabel"/> is false:
/// then <see cref="TabularLabelConversion"/> does it separately). No normalizer: choose one after it.
/// </summary>
/// <example><code>
/// var table = CsvTable.Read("credit.csv");
/// var inference = TableInference.Infer(table, new InferenceOptions { LabelColumnName = "Status" });
/// var (train, test) = TabularDataset.Create(inference).TrainTestSplit(0.2, seed: 1);
/// var model = new TabularFeaturizer(ml, inference)
///     .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
///     .Append(ml.BinaryClassification.Trainers.Mlp())
///     .Fit(train);
/// </code></example>
public sealed class TabularFeaturizer : IEstimator<ITransformer>
{
    private readonly MLContext _ml;
    private readonly TableInference _inference;

    /// <summary>Creates the featurizer.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="inference">The column decisions and the task.</param>
    /// <param name="options">Output column names and missing-value replacement; null takes the defaults.</param>
    public TabularFeaturizer(MLContext ml, TableInference inference, TabularFeaturizerOptions? options = null)
    {
        _ml = ml ?? throw new ArgumentNullException(nameof(ml));
        _inference = inference ?? throw new ArgumentNullException(nameof(inference));
        Options = options ?? new TabularFeaturizerOptions();
    }

    /// <summary>The settings.</summary>
    public TabularFeaturizerOptions Options { get; }

    /// <summary>Scans <paramref name="input"/> for the numeric columns with missing values, builds the estimator chain (<see cref="Build(IDataView)"/>) and fits it.</summary>
    /// <param name="input">The training rows, e.g. from <see cref="TabularDataset.TrainTestSplit"/>.</param>
    /// <returns>The fitted chain of ML.NET transformers (saveable with <c>ml.Model.Save</c>).</returns>
    public ITransformer Fit(IDataView input) => Build(input).Fit(input);

    /// <summary>The output schema, assuming indicators for the numeric columns that have missing values in the whole table (the shape does not depend on which).</summary>
    /// <param name="inputSchema">The input's schema shape.</param>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        Build(_inference.Schema.NumberColumns.Where(c => c.MissingCount > 0).Select(c => c.Name).ToHashSet()).GetOutputSchema(inputSchema);

    /// <summary>The estimator chain this featurizer fits on <paramref name="training"/> (missing-value indicators only for the numeric columns with missing values there).</summary>
    /// <param name="training">The training rows.</param>
    public IEstimator<ITransformer> Build(IDataView training) =>
        Build(MissingValueScan.ColumnsWithMissing(training, [.. _inference.Schema.NumberColumns.Select(c => c.Name)]));

    private IEstimator<ITransformer> Build(IReadOnlySet<string> numericWithMissing)
    {
        var names = new FreshNames(_inference);
        var steps = new List<IEstimator<ITransformer>>();
        var parts = new List<string>();

        var numeric = _inference.Schema.NumberColumns.Select(c => c.Name).ToArray();
        if (numeric.Length > 0)
        {
            string all = names.Next("Numeric");
            steps.Add(_ml.Transforms.Concatenate(all, numeric));
            var withMissing = numeric.Where(numericWithMissing.Contains).ToArray();
            if (withMissing.Length > 0)
            {
                string indicators = names.Next("Missing");
                steps.Add(_ml.Transforms.Concatenate(indicators, withMissing));
                steps.Add(_ml.Transforms.IndicateMissingValues(indicators));
                steps.Add(_ml.Transforms.Conversion.ConvertType(indicators, outputKind: DataKind.Single));
                parts.Add(indicators);
            }
            steps.Add(_ml.Transforms.ReplaceMissingValues(all, replacementMode: Options.MissingReplacement));
            parts.Insert(0, all);
        }

        var categorical = _inference.OfKind(ColumnKind.Categorical);
        var oneHot = categorical.Where(c => c.Encoding == CategoricalEncoding.OneHot).Select(c => new InputOutputColumnPair(names.Next(c.Name), c.Name)).ToArray();
        if (oneHot.Length > 0)
        {
            steps.Add(_ml.Transforms.Categorical.OneHotEncoding(oneHot, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue));
            parts.AddRange(oneHot.Select(p => p.OutputColumnName));
        }
        var hashed = categorical.Where(c => c.Encoding == CategoricalEncoding.Hashing).Select(c => new InputOutputColumnPair(names.Next(c.Name), c.Name)).ToArray();
        if (hashed.Length > 0)
        {
            steps.Add(_ml.Transforms.Categorical.OneHotHashEncoding(hashed, numberOfBits: _inference.Options.HashingBits));
            parts.AddRange(hashed.Select(p => p.OutputColumnName));
        }
        foreach (var text in _inference.OfKind(ColumnKind.Text))
        {
            string output = names.Next(text.Name);
            steps.AddRange(TextFeatures.Steps(_ml, names, text.Name, output, _inference.Options.TextHashingBits));
            parts.Add(output);
        }

        steps.Add(_ml.Transforms.Concatenate(Options.FeatureColumnName, [.. parts]));
        if (Options.IncludeLabel) steps.Add(TabularLabelConversion.Create(_ml, _inference.Label, Options.LabelColumnName));
        return steps.Aggregate(new EstimatorChain<ITransformer>(), (chain, step) => chain.Append(step));
    }
}
