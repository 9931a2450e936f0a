using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Models;
using MlNetNeural.Scoring;

namespace MlNetNeural.Uncertainty;

/// <summary>
/// Monte-Carlo dropout (Gal and Ghahramani 2016) over a trained MLP classifier: scores each row with
/// <see cref="Passes"/> stochastic forward passes with dropout active and adds
/// <see cref="MonteCarloDropoutColumns.ProbabilityMean"/>, <see cref="MonteCarloDropoutColumns.ProbabilityStdDev"/>
/// and <see cref="MonteCarloDropoutColumns.PredictiveEntropy"/>. Deterministic: every row uses the same
/// <see cref="Passes"/> dropout masks drawn from <see cref="Seed"/>, so equal rows get equal results in
/// <see cref="Transform"/> and in a PredictionEngine. A model without dropout is refused: every pass would give the same
/// probabilities, so every row would report a spread of 0, which reads as certainty.
/// Create it with <c>transformer.WithMonteCarloDropout(passes, seed)</c>. It cannot be saved with
/// <c>ml.Model.Save</c>: save the MLP and wrap it again after loading.
/// </summary>
public sealed class MonteCarloDropoutTransformer : ITransformer
{
    internal MonteCarloDropoutTransformer(MlpModelParameters model, string featureColumnName, int passes, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(featureColumnName);
        if (model.Task is not (MlpTask.BinaryClassification or MlpTask.MulticlassClassification))
            throw new ArgumentException($"Monte-Carlo dropout summarises class probabilities; this model's task is {model.Task}.", nameof(model));
        if (passes < 2)
            throw new ArgumentOutOfRangeException(nameof(passes), passes, "Monte-Carlo dropout needs at least 2 passes to measure a spread; 30-100 is typical.");
        if (!model.Network.Layers.Any(layer => layer is DropoutLayer { Rate: > 0f }))
            throw new ArgumentException(
                "Monte-Carlo dropout samples the model's dropout layers, and this model has none (it was trained with Dropout = 0): " +
                "every pass would give the same probabilities and every row a spread of 0, which would read as certainty. " +
                "Train the MLP with Dropout above 0 (the default is 0.1) to measure its uncertainty this way.", nameof(model));
        Model = model;
        FeatureColumnName = featureColumnName;
        Passes = passes;
        Seed = seed;
    }

    /// <summary>The trained MLP whose dropout layers are sampled.</summary>
    public MlpModelParameters Model { get; }

    /// <summary>Name of the feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Stochastic forward passes per row.</summary>
    public int Passes { get; }

    /// <summary>Seed of the dropout masks.</summary>
    public int Seed { get; }

    /// <summary>Always true: rows are mapped one by one (PredictionEngine relies on this).</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The schema <see cref="Transform"/> produces: the input columns plus the three uncertainty columns.</summary>
    /// <param name="inputSchema">Schema of the data to score.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => GetRowToRowMapper(inputSchema).OutputSchema;

    /// <summary>A mapper that adds the uncertainty columns row by row.</summary>
    /// <param name="inputSchema">Schema of the data to score; must hold the feature column.</param>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new MonteCarloDropoutRowMapper(this, inputSchema);
    }

    /// <summary>Adds the uncertainty columns lazily: rows are sampled as a cursor reads them.</summary>
    /// <param name="input">Data with the feature column.</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, GetRowToRowMapper(input.Schema));
    }

    /// <summary>Not supported: throws, naming what to do instead.</summary>
    /// <param name="ctx">Unused.</param>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException(
            "MonteCarloDropoutTransformer is not saved: save the MLP model with ml.Model.Save and call WithMonteCarloDropout(passes, seed) again after loading it.");
}
