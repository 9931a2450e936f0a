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

    /// <summary>The payload version <see cref="ICanSaveModel.Save"/> writes for this transformer.</summary>
    private protected virtual uint SavedPayloadVersion => MlpModelFormat.Version;

    /// <summary>Writes what the subclass stores after the MLP payload (nothing unless overridden).</summary>
    private protected virtual void WriteAfterModel(BinaryWriter writer)
    {
    }

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
    /// Scores <paramref name="input"/> lazily, as a cursor reads the rows: in blocks of 64 rows for unshuffled
    /// cursors, row by row otherwise. The values are the same either way.
    /// </summary>
    /// <param name="input">Data with the feature column.</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredDataView(input, new MlpRowMapper(Model.Network, OutputColumns(input.Schema), FeatureColumnName, input.Schema));
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        ModelPersistence.Save(ctx, GetType(), SavedPayloadVersion, writer =>
        {
            MlpModelFormat.Write(writer, Model, FeatureColumnName);
            WriteAfterModel(writer);
        });
}
