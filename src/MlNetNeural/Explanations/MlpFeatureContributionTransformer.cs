using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetNeural.Core.Attribution;
using MlNetNeural.Core.Layers;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Models;
using MlNetNeural.Models.Format;
using MlNetNeural.Scoring;

namespace MlNetNeural.Explanations;

/// <summary>
/// Adds a contribution vector (default column "FeatureContributions", with the feature column's slot names) that says, for
/// each row, how much each feature moved the MLP's output away from its value at the baseline: the binary logit
/// (<c>Score</c>), a multiclass logit (the predicted or a chosen class) or the regression output. Integrated gradients by
/// default, so that a row's contributions (all kept, not normalized) add up to <c>output − BaselineOutputs</c>. Created by
/// <c>mlContext.Transforms.CalculateMlpFeatureContribution(...).Fit(data)</c>; saved and loaded with the pipeline.
/// </summary>
/// <remarks>
/// Cost per row: <see cref="IntegrationSteps"/> forward and backward passes of the network as one batch (gradient × input:
/// one), about 3 × <see cref="IntegrationSteps"/> times the work of scoring the row. Rows with a NaN or infinite feature are
/// refused with the same message as scoring. Thread-safe: every cursor and PredictionEngine gets its own buffers.
/// </remarks>
public sealed class MlpFeatureContributionTransformer : ITransformer, ICanSaveModel, ILoadableTransformer<MlpFeatureContributionTransformer>
{
    private readonly float[] _baselineOutputs;

    internal MlpFeatureContributionTransformer(MlpModelParameters model, string featureColumnName, ContributionSettings settings)
    {
        Model = model;
        FeatureColumnName = featureColumnName;
        Settings = settings;
        var network = model.Network;
        _baselineOutputs = network.Forward(settings.Baseline, network.CreateWorkspace(1), 1, ForwardMode.Inference).ToArray();
    }

    /// <summary>The MLP whose outputs are explained.</summary>
    public MlpModelParameters Model { get; }

    /// <summary>Name of the feature column the MLP reads and the contributions refer to.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Name of the added column.</summary>
    public string OutputColumnName => Settings.OutputColumnName;

    /// <summary>Integrated gradients or gradient × input.</summary>
    public AttributionMethod Method => Settings.Attribution.Method;

    /// <summary>Points on the path per row (integrated gradients); 1 for gradient × input.</summary>
    public int IntegrationSteps => Settings.Attribution.Method == AttributionMethod.GradientTimesInput ? 1 : Settings.Attribution.IntegrationSteps;

    /// <summary>The quadrature of integrated gradients.</summary>
    public IntegrationRule IntegrationRule => Settings.Attribution.Rule;

    /// <summary>Where the baseline came from.</summary>
    public AttributionBaseline Baseline => Settings.BaselineKind;

    /// <summary>The baseline row: one value per feature slot.</summary>
    public IReadOnlyList<float> BaselineRow => Settings.Baseline;

    /// <summary>
    /// The network's raw outputs at the baseline (binary: the logit; multiclass: one logit per class; regression: the
    /// prediction). With integrated gradients, all contributions kept and not normalized, a row's contributions add up to
    /// its own output minus this (the binary <c>Score</c> minus <c>BaselineOutputs[0]</c>), up to the integration error.
    /// </summary>
    public IReadOnlyList<float> BaselineOutputs => _baselineOutputs;

    /// <summary>Multiclass: the name of the class whose logit is explained, or null when each row's predicted class is. Null for the other tasks.</summary>
    public string? ExplainedClass => Settings.ExplainedOutput == ContributionSettings.PredictedOutput || Model.Task != MlpTask.MulticlassClassification
        ? null
        : Model.ClassNames[Settings.ExplainedOutput];

    /// <summary>Largest positive contributions kept per row.</summary>
    public int NumberOfPositiveContributions => Settings.PositiveCount;

    /// <summary>Most negative contributions kept per row.</summary>
    public int NumberOfNegativeContributions => Settings.NegativeCount;

    /// <summary>Whether each row's kept contributions are scaled into [−1, 1].</summary>
    public bool Normalize => Settings.Normalize;

    /// <summary>Always true: rows are explained one by one (PredictionEngine relies on this).</summary>
    public bool IsRowToRowMapper => true;

    internal ContributionSettings Settings { get; }

    /// <summary>The schema <see cref="Transform"/> produces: the input columns plus the contribution column.</summary>
    /// <param name="inputSchema">Schema of the data to explain; must hold the feature column.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => GetRowToRowMapper(inputSchema).OutputSchema;

    /// <summary>A mapper that adds the contribution column row by row.</summary>
    /// <param name="inputSchema">Schema of the data to explain; must hold the feature column.</param>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new FeatureContributionRowMapper(this, inputSchema);
    }

    /// <summary>Adds the contribution column lazily: rows are explained as a cursor reads the column.</summary>
    /// <param name="input">Data with the feature column (for example the output of the fitted pipeline).</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, GetRowToRowMapper(input.Schema));
    }

    static uint ILoadableTransformer<MlpFeatureContributionTransformer>.PayloadVersion => FeatureContributionFormat.Version;

    static MlpFeatureContributionTransformer ILoadableTransformer<MlpFeatureContributionTransformer>.Load(IHostEnvironment env, BinaryReader payload, uint payloadVersion)
    {
        var (model, featureColumnName, settings) = FeatureContributionFormat.Read(payload, payloadVersion, new ModelLoadBudget(ModelLoaderRegistration.OptionsFor(env)));
        return new MlpFeatureContributionTransformer(model, featureColumnName, settings);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        ModelPersistence.Save<MlpFeatureContributionTransformer>(ctx, writer => FeatureContributionFormat.Write(writer, Model, FeatureColumnName, Settings));
}
