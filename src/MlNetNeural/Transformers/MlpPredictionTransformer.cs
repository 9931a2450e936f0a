using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Models;
using MlNetNeural.Scoring;
using MlNetNeural.Tasks;

namespace MlNetNeural.Transformers;

/// <summary>
/// The transformer a fitted MLP trainer returns: it appends the task's score columns (named, typed
/// and annotated exactly like ML.NET's built-in trainers') to any data with the feature column.
/// Scoring is lazy, thread-safe across cursors, and allocation-free per row.
/// </summary>
public abstract class MlpPredictionTransformer : ISingleFeaturePredictionTransformer<MlpModelParameters>, ICanSaveModel
{
    private protected MlpPredictionTransformer(MlpModelParameters model, string featureColumnName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(featureColumnName);
        Model = model;
        FeatureColumnName = featureColumnName;
    }

    /// <summary>The prediction transformer of <paramref name="model"/>'s task.</summary>
    internal static MlpPredictionTransformer Create(MlpModelParameters model, string featureColumnName) => model.Task switch
    {
        MlpTask.BinaryClassification => new MlpBinaryPredictionTransformer(model, featureColumnName),
        MlpTask.MulticlassClassification => new MlpMulticlassPredictionTransformer(model, featureColumnName),
        MlpTask.Regression => new MlpRegressionPredictionTransformer(model, featureColumnName),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model.Task, "Unknown MLP task."),
    };

    /// <summary>The trained model: network, history, options.</summary>
    public MlpModelParameters Model { get; }

    /// <summary>Name of the feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Type of the feature column: a vector of <see cref="MlpModelParameters.FeatureCount"/> Singles.</summary>
    public DataViewType FeatureColumnType => new VectorDataViewType(NumberDataViewType.Single, Model.FeatureCount);

    /// <summary>Always true: the transformer maps each row on its own (PredictionEngine relies on this).</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The output columns for <paramref name="inputSchema"/>, from the model's task.</summary>
    private protected virtual IReadOnlyList<HeadColumn> OutputColumns(DataViewSchema inputSchema) =>
        MlpTaskDefinition.For(Model.Task).OutputColumns(inputSchema, Model.ClassNames);

    /// <summary>The decision threshold stored with the model, or null for none (every task but binary, and the default threshold).</summary>
    private protected virtual float? SavedDecisionThreshold => null;

    /// <summary>The schema <see cref="Transform"/> produces from <paramref name="inputSchema"/>.</summary>
    /// <param name="inputSchema">Schema of the data to score.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => GetRowToRowMapper(inputSchema).OutputSchema;

    /// <summary>A mapper that scores rows of <paramref name="inputSchema"/> one by one.</summary>
    /// <param name="inputSchema">Schema of the data to score.</param>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new MlpRowMapper(Model.Network, OutputColumns(inputSchema), FeatureColumnName, inputSchema);
    }

    /// <summary>
    /// Scores <paramref name="input"/> lazily, as a cursor reads the rows: each cursor reads its source once and scores
    /// blocks of up to 72 rows at a time, so a source that can be read only once (a queue, a stream) works and upstream
    /// transforms run once per row. The values are those of a PredictionEngine, bit for bit.
    /// </summary>
    /// <param name="input">Data with the feature column.</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredDataView(input, new MlpRowMapper(Model.Network, OutputColumns(input.Schema), FeatureColumnName, input.Schema));
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        ModelPersistence.Save(ctx, GetType(), MlpModelFormat.Version, writer => MlpModelFormat.Write(writer.BaseStream, Model, FeatureColumnName, SavedDecisionThreshold));
}
